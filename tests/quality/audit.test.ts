import { describe, expect, it } from 'vitest';
import { classifyAudit, runNpmAudit } from '../support/audit.ts';

// No high or critical advisories in production dependencies. The test is
// skipped — loudly — only when the registry's audit endpoint cannot be
// asked (offline, or a registry mirror without the audit API); advisories
// and any other npm failure fail it.

describe('npm audit --omit=dev --audit-level=high', () => {
  it('reports no high or critical advisories in production dependencies', (context) => {
    const outcome = runNpmAudit();
    if (outcome.kind === 'unreachable') {
      console.warn(`SKIPPED npm audit: ${outcome.summary}`);
      context.skip(`npm audit skipped: ${outcome.summary}`);
    }
    expect(outcome.kind, outcome.summary).toBe('ok');
  });

  it('tells advisories apart from an unreachable audit endpoint', () => {
    const advisories = JSON.stringify({
      vulnerabilities: { 'some-lib': { name: 'some-lib', severity: 'high' } },
      metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 1, critical: 0, total: 1 } },
    });
    expect(classifyAudit(1, advisories, '').kind).toBe('advisories');
    expect(classifyAudit(0, JSON.stringify({ vulnerabilities: {}, metadata: { vulnerabilities: { high: 0, critical: 0, total: 0 } } }), '').kind).toBe('ok');
    // npm's answers when the endpoint cannot be asked: a mirror without the audit API, no network.
    expect(classifyAudit(1, JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 }), 'npm error audit endpoint returned an error').kind).toBe('unreachable');
    expect(classifyAudit(1, JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org' } }), '').kind).toBe('unreachable');
    expect(classifyAudit(1, '', 'npm error code EAI_AGAIN').kind).toBe('unreachable');
    // Advisories win even when the output also mentions a network word somewhere.
    expect(classifyAudit(1, advisories, 'npm warn ECONNRESET retrying').kind).toBe('advisories');
    expect(classifyAudit(1, 'not json', 'npm error something else broke').kind).toBe('error');
  });
});
