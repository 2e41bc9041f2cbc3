/**
 * The GitHub workflows in .github/workflows/ are part of the product: a fork
 * publishes with deploy.yml and is woken by overdue.yml. These tests read them
 * as YAML, check their triggers and commands against package.json, run the
 * overdue workflow's shell steps with a stub `gh`, and check that the docs
 * link them.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SITE_CONFIG_KEYS } from '../../src/lib/content/config-schema.ts';
import { projectRoot } from './helpers.ts';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  steps: Step[];
  env?: Record<string, string>;
  environment?: unknown;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string } | string;
  jobs: Record<string, Job>;
}

const WORKFLOW_FILES = ['ci.yml', 'deploy.yml', 'overdue.yml'] as const;
type WorkflowFile = (typeof WORKFLOW_FILES)[number];

function readWorkflow(file: WorkflowFile): Workflow {
  // YAML 1.2 (the `yaml` default), as GitHub reads it: `on` stays the key "on", not `true`.
  return parse(readFileSync(join(projectRoot, '.github/workflows', file), 'utf8')) as Workflow;
}

const workflows = Object.fromEntries(WORKFLOW_FILES.map((file) => [file, readWorkflow(file)])) as Record<WorkflowFile, Workflow>;
const scripts = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}
function runs(workflow: Workflow): string[] {
  return steps(workflow).flatMap((step) => (step.run === undefined ? [] : [step.run]));
}
/** Script names after `npm run` (flags such as --silent skipped). */
function npmRunScripts(text: string): string[] {
  return [...text.matchAll(/\bnpm run((?:\s+-{1,2}[a-z][\w-]*)*)\s+([\w:.-]+)/g)].map((m) => m[2]!);
}
function usesAction(workflow: Workflow, action: string): Step | undefined {
  return steps(workflow).find((step) => step.uses?.split('@')[0] === action);
}
function hasCommand(workflow: Workflow, pattern: RegExp): boolean {
  return runs(workflow).some((run) => run.split('\n').some((line) => pattern.test(line.trim())));
}

describe('workflow files', () => {
  it.each(WORKFLOW_FILES)('%s parses as YAML with a name, triggers and jobs', (file) => {
    const workflow = workflows[file];
    expect(typeof workflow.name).toBe('string');
    expect(workflow.on).toBeTypeOf('object');
    expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(workflow.jobs)) {
      expect(job['runs-on']).toBeTruthy();
      expect(job.steps.length).toBeGreaterThan(0);
    }
  });

  it.each(WORKFLOW_FILES)('every "npm run <script>" in %s is a script in package.json', (file) => {
    const used = runs(workflows[file]).flatMap(npmRunScripts);
    for (const script of used) expect(Object.keys(scripts), `npm run ${script} in ${file}`).toContain(script);
  });

  it.each(WORKFLOW_FILES)('%s installs with npm ci on a Node that can run it (>= 20)', (file) => {
    const workflow = workflows[file];
    expect(hasCommand(workflow, /^npm ci\b/)).toBe(true);
    expect(runs(workflow).some((run) => /\bnpm install\b/.test(run))).toBe(false);
    const setup = usesAction(workflow, 'actions/setup-node');
    expect(setup).toBeDefined();
    expect(Number.parseInt(String(setup!.with?.['node-version']), 10)).toBeGreaterThanOrEqual(20);
    expect(usesAction(workflow, 'actions/checkout')).toBeDefined();
  });

  it('the npm run parser finds scripts behind flags', () => {
    expect(npmRunScripts('npm run --silent check -- --overdue && npm run -s build:drafts; npm run build -- --base /x')).toEqual(['check', 'build:drafts', 'build']);
  });
});

describe('ci.yml', () => {
  const ci = workflows['ci.yml'];

  it('runs on every push and pull request', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    // No branch filter: every push and every pull request is tested.
    expect(ci.on.push ?? null).toBeNull();
    expect(ci.on.pull_request ?? null).toBeNull();
  });

  it('installs Chromium, xmllint, Java and libical with apt-get, then runs npm test after npm ci', () => {
    const apt = runs(ci).find((run) => /sudo apt-get install -y/.test(run));
    expect(apt).toBeDefined();
    for (const pkg of ['chromium', 'libxml2-utils', 'default-jre-headless', 'gir1.2-ical-3.0', 'python3-gi']) expect(apt).toContain(pkg);
    const order = steps(ci).map((step) => step.run ?? step.uses ?? '');
    const ci_ = order.findIndex((s) => /^npm ci\b/.test(s));
    const test = order.findIndex((s) => /^npm test\b/.test(s.trim()));
    expect(ci_).toBeGreaterThanOrEqual(0);
    expect(test).toBeGreaterThan(ci_);
    expect(order.findIndex((s) => /apt-get install/.test(s))).toBeLessThan(test);
  });
});

describe('deploy.yml', () => {
  const deploy = workflows['deploy.yml'];

  it('runs on push to main and by hand', () => {
    expect((deploy.on.push as { branches: string[] }).branches).toEqual(['main']);
    expect(Object.keys(deploy.on)).toContain('workflow_dispatch');
    expect(Object.keys(deploy.on)).not.toContain('pull_request');
  });

  it('builds with npm ci and npm run build, then deploys to GitHub Pages', () => {
    expect(hasCommand(deploy, /^npm run build\b/)).toBe(true);
    const upload = usesAction(deploy, 'actions/upload-pages-artifact');
    expect(upload?.with?.path).toBe('dist');
    expect(usesAction(deploy, 'actions/deploy-pages')).toBeDefined();
    const deployJob = Object.values(deploy.jobs).find((job) => job.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@')));
    expect(deployJob?.needs).toBeDefined();
  });

  it('restores the previous output and build records after npm ci and before the build, so a content change rebuilds without Astro', () => {
    const steps = deploy.jobs.build!.steps;
    const restore = steps.findIndex((step) => step.uses?.startsWith('actions/cache@'));
    expect(restore).toBeGreaterThan(steps.findIndex((step) => step.run === 'npm ci'));
    expect(restore).toBeLessThan(steps.findIndex((step) => step.run !== undefined && /^npm run build\b/.test(step.run)));
    expect(String(steps[restore]!.with?.path).split('\n').filter(Boolean)).toEqual(['dist', 'node_modules/.cache/shirase']);
    expect(steps[restore]!.with?.['restore-keys']).toBeTruthy();
  });

  it('has the permissions and concurrency GitHub Pages needs', () => {
    expect(deploy.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const group = typeof deploy.concurrency === 'string' ? deploy.concurrency : deploy.concurrency?.group;
    expect(group).toBeTruthy();
  });
});

describe('deploy.yml: notify after the deploy', () => {
  const deploy = workflows['deploy.yml'];
  const build = deploy.jobs.build! as Job & { outputs?: Record<string, string> };
  const notify = deploy.jobs.notify! as Job & { if?: string; permissions?: Record<string, string> };
  const fetchStep = notify.steps.find((step) => step.name === 'Fetch the ledger')!;
  const sendStep = notify.steps.find((step) => step.run !== undefined && /\bnpm run notify\b/.test(step.run))!;
  const keepStep = notify.steps.find((step) => step.name === 'Keep the ledger')!;

  it('runs after the deploy, once switched on or to adopt with --baseline, and may push only its ledger', () => {
    expect(notify.needs).toEqual(['build', 'deploy']);
    expect(notify.if).toMatch(/vars\.NOTIFY == 'on'/);
    expect(notify.if).toMatch(/inputs\.notify-baseline/);
    expect(notify.permissions).toEqual({ contents: 'write' });
    expect((deploy.on.workflow_dispatch as { inputs: Record<string, { type: string }> }).inputs['notify-baseline']!.type).toBe('boolean');
  });

  it('sends with the address GitHub serves the site from, secrets from repository secrets, --baseline only when asked', () => {
    expect(build.outputs).toEqual({ origin: '${{ steps.pages.outputs.origin }}', base_path: '${{ steps.pages.outputs.base_path }}' });
    expect(sendStep.run).toMatch(/npm run notify -- --ledger "\$LEDGER" --site "\$PAGES_ORIGIN" --base "\$PAGES_BASE_PATH" "\$@"/);
    expect(sendStep.env?.PAGES_ORIGIN).toBe('${{ needs.build.outputs.origin }}');
    expect(sendStep.env?.PAGES_BASE_PATH).toBe('${{ needs.build.outputs.base_path }}');
    const secrets = Object.entries(sendStep.env ?? {}).filter(([name]) => name.startsWith('SHIRASE_'));
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    for (const [name, value] of secrets) expect(value).toBe(`\${{ secrets.${name} }}`);
    expect(sendStep.env?.BASELINE).toBe('${{ inputs.notify-baseline }}');
    expect(sendStep.run).toMatch(/if \[ "\$BASELINE" = "true" \]; then set -- --baseline; fi/);
    // The ledger is kept even when some deliveries failed, never when the run was cancelled half-way through a write.
    expect(keepStep.if).toMatch(/!cancelled\(\)/);
    expect(notify.steps.indexOf(fetchStep)).toBeLessThan(notify.steps.indexOf(sendStep));
    expect(notify.steps.indexOf(sendStep)).toBeLessThan(notify.steps.indexOf(keepStep));
  });

  it('fetch and keep steps: the ledger goes to its branch, comes back on the next run, and an unchanged one adds no commit', () => {
    const work = mkdtempSync(join(tmpdir(), 'shirase-ledger-wf-'));
    try {
      const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' });
      git(work, 'init', '-q', '--bare', 'origin.git');
      const clone = (name: string) => {
        git(work, 'clone', '-q', 'origin.git', name);
        const dir = join(work, name);
        writeFileSync(join(dir, 'README'), 'site\n');
        git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'x', '--allow-empty');
        return dir;
      };
      const run = (step: Step, dir: string) => {
        const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
          cwd: dir, encoding: 'utf8', env: { ...process.env, ...notify.env, GITHUB_RUN_ID: '42', GIT_CONFIG_GLOBAL: '/dev/null' },
        });
        return { status: result.status, out: result.stdout + result.stderr };
      };
      const branchLog = () => git(join(work, 'origin.git'), 'log', '--format=%s', 'notify-ledger').stdout.trim().split('\n').filter(Boolean);

      const first = clone('first');
      const fetched = run(fetchStep, first);
      expect(fetched.status, fetched.out).toBe(0);
      expect(fetched.out).toContain('No notify-ledger branch yet');
      expect(existsSync(join(first, notify.env!.LEDGER!))).toBe(false);
      writeFileSync(join(first, notify.env!.LEDGER!), '{"version": 1, "channels": {"a": {}}}\n');
      expect(run(keepStep, first).status).toBe(0);
      expect(branchLog()).toEqual(['notify ledger, first kept by run 42']);

      const second = clone('second');
      expect(run(fetchStep, second).status).toBe(0);
      expect(readFileSync(join(second, notify.env!.LEDGER!), 'utf8')).toBe('{"version": 1, "channels": {"a": {}}}\n');
      const unchanged = run(keepStep, second);
      expect(unchanged.out).toContain('The ledger is unchanged.');
      writeFileSync(join(second, notify.env!.LEDGER!), '{"version": 1, "channels": {"b": {}}}\n');
      expect(run(keepStep, second).status).toBe(0);
      expect(branchLog()).toEqual(['notify ledger after run 42', 'notify ledger, first kept by run 42']);
      // The branch holds the ledger and nothing else.
      expect(git(join(work, 'origin.git'), 'ls-tree', '--name-only', 'notify-ledger').stdout.trim()).toBe('notify-ledger.json');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('overdue.yml', () => {
  const overdue = workflows['overdue.yml'];
  const job = Object.values(overdue.jobs)[0]!;
  const checkStep = job.steps.find((step) => step.run !== undefined && /\bcheck -- --overdue\b/.test(step.run))!;
  const issueStep = job.steps.find((step) => step.run !== undefined && /gh issue create/.test(step.run))!;
  const failStep = job.steps.find((step) => step.run !== undefined && /\bexit\b/.test(step.run) && step !== checkStep && step !== issueStep)!;

  it('runs every hour and by hand', () => {
    const schedule = overdue.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    expect(schedule[0]!.cron).toBe('17 * * * *');
    const [minute, ...rest] = schedule[0]!.cron.split(/\s+/);
    expect(Number(minute)).toBeGreaterThanOrEqual(0);
    expect(Number(minute)).toBeLessThan(60);
    expect(rest).toEqual(['*', '*', '*', '*']);
    expect(Object.keys(overdue.on)).toContain('workflow_dispatch');
  });

  it('may write issues and nothing else beyond reading the repository', () => {
    expect(overdue.permissions).toEqual({ contents: 'read', issues: 'write' });
  });

  it('writes the JSON report to overdue.json without npm banner lines and keeps the exit code', () => {
    expect(checkStep).toBeDefined();
    const line = checkStep.run!.split('\n').find((l) => /check -- --overdue/.test(l))!;
    expect(line).toMatch(/^npm run (--silent|-s) check -- --overdue --format json > overdue\.json$/);
    expect(checkStep.id).toBeTruthy();
    // The step must not die on exit 3 before the code is recorded.
    expect(checkStep.run).toMatch(/set \+e/);
    expect(checkStep.run).toMatch(/GITHUB_OUTPUT/);
  });

  it('opens or comments on the issue only when a promise is broken (exit 3), with GITHUB_TOKEN', () => {
    expect(issueStep).toBeDefined();
    expect(issueStep.if).toMatch(new RegExp(`steps\\.${checkStep.id}\\.outputs\\.code == '3'`));
    expect(issueStep.env?.GH_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}');
    expect(issueStep.run).toMatch(/gh issue comment/);
    expect(job.env?.ISSUE_TITLE ?? issueStep.run).toMatch(/Overdue status update/);
  });

  it('fails the job on exit 3 and on exit 1', () => {
    expect(failStep).toBeDefined();
    expect(failStep.if).toMatch(new RegExp(`steps\\.${checkStep.id}\\.outputs\\.code != '0'`));
  });

  const hasJq = spawnSync('jq', ['--version']).status === 0;
  const work = mkdtempSync(join(tmpdir(), 'shirase-overdue-wf-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const report = {
    errors: 0,
    warnings: 0,
    diagnostics: [],
    now: '2024-02-01T20:30:00.000Z',
    overdue: [
      {
        slug: '2024-02-01-login-slow', title: 'Slow logins', file: 'incidents/2024-02-01-login-slow/incident.md',
        latestFile: 'incidents/2024-02-01-login-slow/2024-02-01-suspension.md', latestAt: Date.parse('2024-02-01T16:00:00Z'),
        nextUpdateAt: Date.parse('2024-02-01T18:00:00Z'), reasons: ['next-update-passed'], lateByMs: 9_000_000,
      },
    ],
  };
  const errorReport = {
    errors: 1, warnings: 0,
    diagnostics: [{ file: 'incidents/x/2024-01-10-suspension.md', line: 3, column: 7, severity: 'error', message: 'date "2024-01-10 18:00" has no UTC offset' }],
    now: '2024-02-01T20:30:00.000Z', overdue: [],
  };

  /** Runs a step's script as GitHub does (bash -e), in a folder with overdue.json and a `gh` that logs its arguments. */
  function runStep(step: Step, json: unknown, env: Record<string, string>) {
    const dir = mkdtempSync(join(work, 'run-'));
    writeFileSync(join(dir, 'overdue.json'), JSON.stringify(json, null, 2));
    const gh = join(dir, 'bin/gh');
    spawnSync('mkdir', ['-p', dirname(gh)]);
    writeFileSync(gh, `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> "${join(dir, 'gh.log')}"\nif [ "$1 $2" = "issue list" ]; then printf '%s\\n' "\${FAKE_OPEN_ISSUE:-}"; fi\n`);
    chmodSync(gh, 0o755);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...job.env, ...env, PATH: `${dirname(gh)}:${process.env.PATH ?? ''}`, GH_TOKEN: 'test', GH_REPO: 'owner/repo', RUN_URL: 'https://example.test/run/1' },
    });
    const log = existsSync(join(dir, 'gh.log')) ? readFileSync(join(dir, 'gh.log'), 'utf8') : '';
    const issue = existsSync(join(dir, 'issue.md')) ? readFileSync(join(dir, 'issue.md'), 'utf8') : '';
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, gh: log, issue };
  }

  it.skipIf(!hasJq && !process.env.CI)('fail step: exit 3 fails with an annotation per late incident, exit 1 with one per content error', () => {
    const broken = runStep(failStep, report, { CODE: '3' });
    expect(broken.status).toBe(3);
    expect(broken.stdout).toContain('::error file=incidents/2024-02-01-login-slow/2024-02-01-suspension.md,title=Overdue status update::Slow logins');
    const invalid = runStep(failStep, errorReport, { CODE: '1' });
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toContain('::error file=incidents/x/2024-01-10-suspension.md,line=3,col=7,title=Content error::');
    expect(runStep(failStep, {}, { CODE: '2' }).status).toBe(2);
  });

  it.skipIf(!hasJq && !process.env.CI)('issue step: opens "Overdue status update" when none is open, else comments on the open one', () => {
    const opened = runStep(issueStep, report, {});
    expect(opened.status, opened.stderr).toBe(0);
    expect(opened.gh).toMatch(/^issue create --title Overdue status update --label overdue --body-file issue\.md$/m);
    expect(opened.gh).not.toMatch(/^issue comment/m);
    expect(opened.issue).toContain('**Slow logins** (`2024-02-01-login-slow`): the promised next update is late.');
    expect(opened.issue).toContain('next update promised for 2024-02-01T18:00:00Z');
    expect(opened.issue).toContain('`npm run new -- update 2024-02-01-login-slow`');
    expect(opened.issue).toContain('https://example.test/run/1');

    const commented = runStep(issueStep, report, { FAKE_OPEN_ISSUE: '42' });
    expect(commented.status, commented.stderr).toBe(0);
    expect(commented.gh).toMatch(/^issue comment 42 --body-file issue\.md$/m);
    expect(commented.gh).not.toMatch(/^issue create/m);
  });
});

describe('docs', () => {
  /** Targets of Markdown links, resolved against the file's folder. */
  function linkTargets(markdown: string, from: string): string[] {
    return [...markdown.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => resolve(from, m[1]!));
  }

  it('docs/publishing.md links each workflow file', () => {
    const publishing = readFileSync(join(projectRoot, 'docs/publishing.md'), 'utf8');
    const targets = linkTargets(publishing, join(projectRoot, 'docs'));
    for (const file of WORKFLOW_FILES) expect(targets).toContain(join(projectRoot, '.github/workflows', file));
  });

  it('README links docs/publishing.md', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    expect(linkTargets(readme, projectRoot)).toContain(join(projectRoot, 'docs/publishing.md'));
  });

  it('docs/authoring.md documents every site config field under #site-config', () => {
    const authoring = readFileSync(join(projectRoot, 'docs/authoring.md'), 'utf8');
    const start = authoring.search(/^## Site config$/m);
    expect(start).toBeGreaterThanOrEqual(0);
    const next = authoring.slice(start + 1).search(/^## /m);
    const section = next < 0 ? authoring.slice(start) : authoring.slice(start, start + 1 + next);
    for (const key of SITE_CONFIG_KEYS) expect(section, `site config field "${key}"`).toContain(`\`${key}\``);
  });
});
