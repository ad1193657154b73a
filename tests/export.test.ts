import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config.ts';
import { deliverables } from '../src/deliverables/index.ts';
import { sha256 } from '../src/export/manifest.ts';
import { BrowserSession } from '../src/lib/browser-session.ts';
import { DiagramRenderer, svgSize } from '../src/lib/diagrams/render.ts';
import { screenFit, screenFitProblems } from '../src/lib/diagrams/screen-fit.ts';
import { defaultLang } from '../src/lib/i18n.ts';
import { categoryHeading, owaspTop10 } from '../src/deliverables/system-security/owasp.ts';
import { copyContent, copyDiagrams, edit } from './helpers/content-copy.ts';
import { exportHoldingBuildLock } from './helpers/build-lock.ts';
import { exportWithoutPdfs, tree } from './helpers/export.ts';
import { repoContent } from './helpers/repo-content.ts';
import { root } from './helpers/root.ts';
import { sharedExport } from './helpers/shared-export.ts';
import { tempDir } from './helpers/temp.ts';
import { runScript } from './helpers/run-script.ts';

/** The one full export of this run (see helpers/global-setup.ts): what it wrote and printed. */
const { submissionDir: submission, exportRun } = await sharedExport();
const files = await tree(submission);

/** The Part 1 project as git tracks it, but for the page, which becomes the README. */
const part1Tracked = execFileSync('git', ['ls-files', 'content/devops/part-1'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((path) => path && !path.endsWith('/en.mdx'))
  .map((path) => path.replace('content/devops/part-1/', ''));

/** A declared export: a file, or a folder (ending in `/`) whose files are its README, diagram and project. */
const expand = (path: string) =>
  path.endsWith('/')
    ? ['README.md', 'architecture.png', ...part1Tracked].map((file) => `${path}${file}`)
    : [path];

/** Each deliverable page as a PDF, named after its route and language. */
const pdfs = deliverables.flatMap((d) =>
  d.languages.map(
    (lang) => `pdf/${d.route.replaceAll('/', '-')}${lang === defaultLang ? '' : `.${lang}`}.pdf`,
  ),
);

const zipBrief = 'DevOps Engineer challenge — Parts 1 and 2, as one archive';
/** The brief the manifest names for a file: its deliverable's, as the registry declares it. */
function briefFor(path: string): string | undefined {
  if (path === 'devops/devops-challenge.zip') return zipBrief;
  return deliverables.find((d) => d.exports.some((declared) => expand(declared).includes(path)))
    ?.answers;
}

/** Each architecture image the export hands in, and the diagram it is drawn from. */
const architectureImages: Record<string, string> = {
  'cloud-computing/instagram-stories-architecture.png': 'instagram-stories',
  'cloud-computing/instagram-stories-architecture-es.png': 'instagram-stories.es',
  'devops/part-1/architecture.png': 'aws-part-1',
  'devops/part-2/topology.png': 'aws-topology',
};

/** A 1×1 PNG, standing in for the challenge's diagram, which we do not have. */
const tinyPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const outside = () => tempDir('export');

describe('npm run export', () => {
  it('writes what every deliverable declares, its pages as PDFs, a manifest, and a line per file', async () => {
    expect(exportRun.stderr).toBe('');
    expect(exportRun.code).toBe(0);
    const declared = deliverables.flatMap((d) => d.exports.flatMap(expand));
    expect(Object.keys(files).sort()).toEqual(
      [...new Set(['MANIFEST.md', ...declared, ...pdfs])].sort(),
    );
    for (const pdf of pdfs) {
      expect(files[pdf]!.subarray(0, 5).toString(), pdf).toBe('%PDF-');
      expect(files[pdf]!.toString('latin1').match(/\/Type \/Page\b/g)?.length, pdf).toBeGreaterThan(
        0,
      );
    }
    const rows = (await repoContent()).flatMap((d) => d.checklist);
    expect(exportRun.stdout).toMatch(/system-security\/security_question\.md\s+\d+ B/);
    expect(exportRun.stdout).toMatch(
      new RegExp(`The briefs, checked against what was exported:\\n(✓ .+\\n){${rows.length}}\\n`),
    );
    expect(exportRun.stdout).toContain(
      '✓ System Security · The ten OWASP Top 10 2021 categories, in each language — EN: 10/10; ES: 10/10',
    );
    expect(exportRun.stdout).toMatch(
      new RegExp(`${Object.keys(files).length} files written to .* in \\d+\\.\\d\\d s`),
    );

    // The manifest lists what is handed in; the PDFs are prints of the site, which serves it.
    const manifest = files['MANIFEST.md']!.toString('utf8');
    for (const pdf of pdfs) expect(manifest).not.toContain(pdf);
    for (const [path, contents] of Object.entries(files)) {
      if (path === 'MANIFEST.md' || pdfs.includes(path)) continue;
      const hash = sha256(contents);
      expect(briefFor(path), path).toBeDefined();
      expect(manifest).toContain(
        `| \`${path}\` | ${contents.length} | \`${hash}\` | ${briefFor(path)} |`,
      );
    }
  });

  it('exports clean GFM with the ten official headings and no MDX left', () => {
    for (const [lang, name] of [
      ['en', 'security_question.md'],
      ['es', 'security_question.es.md'],
    ] as const) {
      const markdown = files[`system-security/${name}`]!.toString('utf8');
      const headings = markdown.split('\n').filter((line) => /^## A\d\d:2021/.test(line));
      expect(headings).toEqual(owaspTop10.map((_, i) => `## ${categoryHeading(i, lang)}`));
      expect(markdown).toMatch(/^# \S/);
      expect(markdown).not.toMatch(/^(import|export)\s/m);
      expect(markdown).not.toMatch(/<\/?[A-Z][A-Za-z]*/);
      expect(markdown).not.toMatch(/\{\/\*|^---$/m);
    }
  });

  it('hands in every architecture image titled, sharp, and fitting a 1920×1080 screen', async () => {
    // The rendered diagrams come from the cache the export filled: no browser starts here.
    const session = new BrowserSession();
    const renderer = new DiagramRenderer({
      session,
      cacheDir: resolveConfig({}, {}, { root, argv: [] }).diagramCacheDir,
    });
    try {
      const pngs = Object.keys(files).filter(
        (path) => path.endsWith('.png') && path !== 'devops/part-2/diagram.png',
      );
      // Every exported image is checked: a new one fails here until it is listed.
      expect(pngs.sort()).toEqual(Object.keys(architectureImages).sort());
      for (const [path, name] of Object.entries(architectureImages)) {
        const png = files[path]!;
        expect(png.subarray(1, 4).toString(), path).toBe('PNG');
        const file = join(root, 'diagrams', `${name}.mmd`);
        const source = await readFile(file, 'utf8');
        const svg = await renderer.svg({ file, source });
        const size = svgSize(svg);
        expect(screenFitProblems(size), path).toEqual([]);
        const [pixelsWide, pixelsHigh] = [png.readUInt32BE(16), png.readUInt32BE(20)];
        expect(pixelsWide / size.width, path).toBeGreaterThanOrEqual(screenFit.minScale);
        expect(pixelsWide / pixelsHigh, path).toBeCloseTo(size.width / size.height, 1);
        // The image carries its own title, drawn as text, not only as the SVG's <title>.
        const title = /^title:\s*"?(.+?)"?\s*$/m.exec(source)?.[1];
        expect(title, `${name}.mmd has a frontmatter title`).toBeTruthy();
        const drawn = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
        expect(drawn, path).toContain(title!.replaceAll('&', '&amp;'));
      }
      for (const suffix of ['', '-es']) {
        const svg =
          files[`cloud-computing/instagram-stories-architecture${suffix}.svg`]!.toString();
        expect(svg).toMatch(/^<svg [^>]*role="img"/);
        expect(svg).not.toContain('foreignObject');
      }
    } finally {
      await renderer.close();
      await session.close();
    }
  });

  it('exports Part 2 as a README whose diagram link points at a file beside it', () => {
    const readme = files['devops/part-2/README.md']!.toString('utf8');
    const links = [...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links).toEqual(['topology.png']);
    for (const link of links)
      expect(files[`devops/part-2/${link}`]!.length).toBeGreaterThan(10_000);
    expect(readme).not.toMatch(/^(import|export)\s/m);
    expect(readme).not.toMatch(/<\/?[A-Z][A-Za-z]*/);
    expect(readme).toMatch(/^## The DynamoDB variant$/m);
  });

  it('exports Part 1 as the project itself, its page as the README', () => {
    const exported = Object.fromEntries(
      Object.entries(files)
        .filter(([path]) => path.startsWith('devops/part-1/'))
        .map(([path, contents]) => [path.slice('devops/part-1/'.length), contents]),
    );
    expect(Object.keys(exported).sort()).toEqual(
      ['README.md', 'architecture.png', ...part1Tracked].sort(),
    );
    const readme = exported['README.md']!.toString('utf8');
    expect([...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((m) => m[1])).toEqual([
      'architecture.png',
    ]);
    expect(exported['architecture.png']!.readUInt32BE(16)).toBeGreaterThanOrEqual(1600);
    expect(readme).not.toMatch(/^(import|export)\s/m);
    expect(readme).not.toMatch(/<\/?[A-Z][A-Za-z]*/);
    for (const command of ['npm run deploy', 'npm run set-token', 'npm run destroy'])
      expect(readme).toContain(command);
  });

  it('packs part-1/, part-2/ and .github/ into devops-challenge.zip, byte for byte, as the reviewers’ repository lays them out', () => {
    // Python's zipfile, not the library that wrote it, reads the archive back.
    const listing = execFileSync(
      'python3',
      [
        '-c',
        'import hashlib, json, sys, zipfile\n' +
          'z = zipfile.ZipFile(sys.argv[1])\n' +
          'assert z.testzip() is None\n' +
          'print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))',
        join(submission, 'devops', 'devops-challenge.zip'),
      ],
      { encoding: 'utf8' },
    );
    const expected: Record<string, string> = {};
    for (const [path, contents] of Object.entries(files)) {
      const inZip = path.replace(/^devops\//, '');
      // Part 1's CI workflow sits at the root, where GitHub reads it, beside the two parts.
      if (/^(part-[12]|\.github)\//.test(inZip)) expected[inZip] = sha256(contents);
    }
    expect(JSON.parse(listing)).toEqual(expected);
  });

  // A full export, after any other file's build: minutes on a loaded machine.
  it('gives identical files when run twice, PDFs included', { timeout: 300_000 }, async () => {
    // As the shared export was run: its site kept, where the lock's holder sees its build end.
    const dir = await outside();
    const again = join(dir, 'submission');
    const second = await exportHoldingBuildLock(['--out', again], join(dir, 'site'));
    expect(second.code, second.stderr).toBe(0);
    expect(await tree(again)).toEqual(files);
  });

  it('refuses an unknown language', async () => {
    const result = await runScript('export', ['--out', join(await outside(), 's'), '--lang', 'fr']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--lang must be one of en, es/);
  });
});

describe('the export of other content, in this process', () => {
  let content: string;
  let out: string;
  beforeAll(async () => {
    content = await copyContent();
    await writeFile(
      join(content, 'devops', 'part-2', 'diagram.png'),
      Buffer.from(tinyPng, 'base64'),
    );
    for (const junk of [
      'node_modules/aws-cdk-lib/index.js',
      'cdk.out/manifest.json',
      'app/__pycache__/app.cpython-311.pyc',
      'cdk.context.json',
    ]) {
      const path = join(content, 'devops', 'part-1', junk);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, 'generated');
    }
    out = join(await outside(), 'submission');
    await exportWithoutPdfs({ out, content });
  });

  it('hands in the challenge’s original diagram beside the README when it is in content', async () => {
    const readme = await readFile(join(out, 'devops', 'part-2', 'README.md'), 'utf8');
    expect([...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((m) => m[1])).toEqual([
      'topology.png',
      'diagram.png',
    ]);
    expect(await readFile(join(out, 'devops', 'part-2', 'diagram.png'))).toEqual(
      Buffer.from(tinyPng, 'base64'),
    );
  });

  it('hands in nothing that installing or running Part 1 generates, and its files as they are', async () => {
    const exported = await tree(join(out, 'devops', 'part-1'));
    expect(Object.keys(exported).sort()).toEqual(
      ['README.md', 'architecture.png', ...part1Tracked].sort(),
    );
    for (const path of part1Tracked) {
      expect(exported[path], path).toEqual(
        await readFile(join(root, 'content', 'devops', 'part-1', path)),
      );
    }
  });

  it('tells the build of its PDFs the language of the plain names, so the pages offer those files', () => {
    const config = (env: Record<string, string>) => resolveConfig(env, {}, { root, argv: [] });
    expect(config({}).exportLang).toBe('en');
    expect(config({ KIT_EXPORT_LANG: 'es' }).exportLang).toBe('es');
    expect(() => config({ KIT_EXPORT_LANG: 'fr' })).toThrow(
      /KIT_EXPORT_LANG is “fr”; set it to one of en, es/,
    );
  });

  it('with --lang es hands in the Spanish answer as security_question.md', async () => {
    const spanish = join(await outside(), 'submission');
    await exportWithoutPdfs({ out: spanish, lang: 'es' });
    const written = await tree(spanish);
    expect(written['system-security/security_question.md']!.toString()).toMatch(
      /^# Auditoría de seguridad/,
    );
    expect(written['system-security/security_question.en.md']!.toString()).toMatch(
      /^# Security audit/,
    );
  });
});

describe('the export refuses', () => {
  it('a missing file of Part 1, naming it', async () => {
    const content = await copyContent();
    await rm(join(content, 'devops', 'part-1', 'app', 'Dockerfile'));
    await expect(exportWithoutPdfs({ out: join(await outside(), 's'), content })).rejects.toThrow(
      /devops\/part-1\/app\/Dockerfile: DevOps Part 1 hands this file in, and it is missing/,
    );
  });

  it('broken MDX with its path and line, in one clean message, leaving the previous submission as it was', async () => {
    // The submission a previous export left: this run's, copied.
    const out = join(await outside(), 'submission');
    await cp(submission, out, { recursive: true });
    const before = await tree(out);
    await writeFile(join(out, 'system-security', 'notes.txt'), 'kept');

    const content = await copyContent();
    await edit(
      join(content, 'system-security', 'es.mdx'),
      '## A03:2021 – Inyección',
      '## A03:2021 – Inyección\n\n<Chart',
    );
    const result = await runScript('export', ['--no-pdf', '--out', out, '--content', content]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^export failed: \S*content\/system-security\/es\.mdx:\d+:\d+: this MDX does not parse/,
    );
    expect(result.stderr.match(/this MDX does not parse/g)).toHaveLength(1);
    expect(result.stderr).toMatch(/Nothing was changed in the output folder/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(await tree(out)).toEqual({
      ...before,
      'system-security/notes.txt': Buffer.from('kept'),
    });
    expect((await readdir(join(out, '..'))).sort()).toEqual(['submission']);
  });

  it('a missing OWASP category, naming the file and the heading to add', async () => {
    const content = await copyContent();
    await edit(
      join(content, 'system-security', 'en.mdx'),
      '## A09:2021 – Security Logging and Monitoring Failures',
      '## Logging',
    );
    await expect(exportWithoutPdfs({ out: join(await outside(), 's'), content })).rejects.toThrow(
      /content\/system-security\/en\.mdx: A09:2021 is missing\n {2}Fix: add a section “## A09:2021 – Security Logging and Monitoring Failures”/,
    );
  });

  it('a requirement of a brief that does not hold, saying which and what it measured', async () => {
    const diagrams = await copyDiagrams();
    await edit(
      join(diagrams, 'instagram-stories.mmd'),
      'sqs -->|5 · batches| workers',
      'sqs --> workers',
    );
    const out = join(await outside(), 'submission');
    await expect(exportWithoutPdfs({ out, diagrams })).rejects.toThrow(
      'a requirement of the brief does not hold:\n✗ Cloud Computing · Every edge of the flowchart labeled — EN: 24 of 25; ES: 25 of 25',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a diagram without accTitle, naming the file and the fix', async () => {
    const diagrams = await copyDiagrams();
    await edit(join(diagrams, 'instagram-stories.mmd'), '  accTitle:', '  %% accTitle:');
    await expect(exportWithoutPdfs({ out: join(await outside(), 's'), diagrams })).rejects.toThrow(
      /diagrams\/instagram-stories\.mmd:2: the diagram has no accTitle\n {2}Fix: add a line `accTitle:/,
    );
  });

  it('to run without a browser, with one clean message that says how to get one, and a stack only when asked', async () => {
    const cache = await tempDir('cold-cache');
    const args = ['--no-pdf', '--out', join(await outside(), 's'), '--cache', cache];
    const env = { PUPPETEER_EXECUTABLE_PATH: '/nonexistent' };
    const quiet = await runScript('export', args, env);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toMatch(
      /^export failed: PUPPETEER_EXECUTABLE_PATH is \/nonexistent, and no file is there\.\nGet one of these:[\s\S]*apt-get install chromium[\s\S]*Nothing was changed in the output folder\.\n$/,
    );
    expect(quiet.stderr).not.toMatch(/^\s+at /m);
    const verbose = await runScript('export', [...args, '--verbose'], env);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/^\s+at .*browser\.ts/m);
  });
});
