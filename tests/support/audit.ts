import { spawnSync } from 'node:child_process';
import { projectRoot } from './build.ts';

/**
 * `npm audit --omit=dev --audit-level=high`, with its outcome told apart:
 * "ok" (exit 0), "advisories" (high or critical advisories in production
 * dependencies), "unreachable" (the registry's audit endpoint could not be
 * asked: offline, DNS, a proxy or mirror without the audit API) or "error".
 */

export type AuditOutcome =
  | { kind: 'ok'; summary: string }
  | { kind: 'advisories'; summary: string }
  | { kind: 'unreachable'; summary: string }
  | { kind: 'error'; summary: string };

const NETWORK_CODES = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|ENETUNREACH|EHOSTUNREACH|ECONNABORTED|EPROTO|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|SELF_SIGNED_CERT_IN_CHAIN)\b/;

/** Classifies an `npm audit --json` run from its exit status and output. */
export function classifyAudit(status: number | null, stdout: string, stderr: string): AuditOutcome {
  let report: Record<string, unknown> | undefined;
  try {
    report = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    report = undefined;
  }
  const metadata = report?.metadata as { vulnerabilities?: Record<string, number> } | undefined;
  const counts = metadata?.vulnerabilities;
  if (counts) {
    const high = (counts.high ?? 0) + (counts.critical ?? 0);
    const names = Object.entries((report?.vulnerabilities ?? {}) as Record<string, { severity?: string }>)
      .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
      .map(([name, v]) => `${name} (${v.severity})`);
    if (status === 0) return { kind: 'ok', summary: `no high or critical advisories (${JSON.stringify(counts)})` };
    if (high > 0) return { kind: 'advisories', summary: `${high} high/critical advisories: ${names.join(', ')}` };
  }
  if (status === 0) return { kind: 'ok', summary: 'npm audit exited 0' };
  const error = report?.error as { code?: string; summary?: string; detail?: string } | undefined;
  const text = `${stdout}\n${stderr}`;
  const httpStatus = typeof report?.statusCode === 'number' ? report.statusCode : undefined;
  if (NETWORK_CODES.test(error?.code ?? '') || NETWORK_CODES.test(text) || httpStatus === 404 || httpStatus === 405 || /audit endpoint returned an error|request to \S+ failed/i.test(text)) {
    const why = error?.code ?? (httpStatus !== undefined ? `HTTP ${httpStatus}` : undefined) ?? NETWORK_CODES.exec(text)?.[1] ?? 'no answer';
    return { kind: 'unreachable', summary: `the registry's audit endpoint could not be reached (${why}): ${String(report?.message ?? error?.summary ?? '').trim() || stderr.trim().split('\n').at(-1)}` };
  }
  return { kind: 'error', summary: `npm audit exited ${status}: ${stderr.trim().slice(0, 500) || stdout.trim().slice(0, 500)}` };
}

export function runNpmAudit(): AuditOutcome {
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
  const result = spawnSync(command, [...args, 'audit', '--omit=dev', '--audit-level=high', '--json'], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) return { kind: 'error', summary: `could not run npm audit: ${result.error.message}` };
  return classifyAudit(result.status, result.stdout, result.stderr);
}
