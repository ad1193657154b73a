import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagramRenderer, svgSize } from '../src/lib/diagrams/render.ts';
import { screenFit, screenFitProblems } from '../src/lib/diagrams/screen-fit.ts';
import { categoryHeading, owaspTop10 } from '../src/lib/owasp.ts';
import { root } from './helpers/root.ts';
import { run, type Run } from '../src/lib/run-command.ts';
import { copyContent, copyDiagrams, edit } from './helpers/content-copy.ts';
import { tempDir } from './helpers/temp.ts';

/** Runs `npm run export` as a person does, under the pinned Node, with its output elsewhere. */
function runExport(...args: string[]): Promise<Run> {
  return run(process.execPath, ['scripts/export.ts', '--no-pdf', ...args], { cwd: root });
}

/** The same, with the PDFs, which build the site first. */
function runFullExport(...args: string[]): Promise<Run> {
  return run(process.execPath, ['scripts/export.ts', ...args], { cwd: root });
}

async function tree(dir: string): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry);
    if ((await stat(path)).isFile()) files[entry] = await readFile(path);
  }
  return files;
}

/** The brief each folder of `submission/` answers, as the manifest names it. */
const briefOf: Record<string, string> = {
  'cloud-computing': 'Challenge “Part 3” — Cloud Computing',
  english: 'Challenge “Part 3” — English',
  'system-security': 'Challenge “Part 3” — System Security',
  'devops/part-1': 'DevOps Engineer challenge — Part 1',
  'devops/.github': 'DevOps Engineer challenge — Part 1',
  'devops/part-2': 'DevOps Engineer challenge — Part 2',
  'devops/devops-challenge.zip': 'DevOps Engineer challenge — Parts 1 and 2, as one archive',
};
const briefFor = (path: string) => {
  // A PDF is named after its page's route: pdf/devops-part-1.es.pdf is devops/part-1.
  const target = path.startsWith('pdf/')
    ? path
        .slice(4)
        .replace(/(\.es)?\.pdf$/, '')
        .replace(/^devops-/, 'devops/')
    : path;
  return briefOf[target.split('/')[0]!] ?? briefOf[target.split('/').slice(0, 2).join('/')];
};
const pdfs = [
  'pdf/cloud-computing.es.pdf',
  'pdf/cloud-computing.pdf',
  'pdf/devops-part-1.pdf',
  'pdf/devops-part-2.pdf',
  'pdf/english.pdf',
  'pdf/system-security.es.pdf',
  'pdf/system-security.pdf',
];

/** The Part 1 project as git tracks it, but for the page, which becomes the README. */
const part1Tracked = execFileSync('git', ['ls-files', 'content/devops/part-1'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((path) => path && !path.endsWith('/en.mdx'))
  .map((path) => path.replace('content/devops/part-1/', ''));

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
  it('writes every deliverable, its pages as PDFs, a manifest, and a line per file', async () => {
    const out = join(await outside(), 'submission');
    const run = await runFullExport('--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = await tree(out);
    expect(Object.keys(files).sort()).toEqual([
      'MANIFEST.md',
      'cloud-computing/instagram-stories-architecture-es.png',
      'cloud-computing/instagram-stories-architecture-es.svg',
      'cloud-computing/instagram-stories-architecture.png',
      'cloud-computing/instagram-stories-architecture.svg',
      'devops/.github/workflows/part-1.yml',
      'devops/devops-challenge.zip',
      ...['README.md', 'architecture.png', ...part1Tracked]
        .map((path) => `devops/part-1/${path}`)
        .sort(),
      'devops/part-2/README.md',
      'devops/part-2/topology.png',
      'english/recording-script.txt',
      'english/transcript.md',
      ...pdfs,
      'system-security/security_question.es.md',
      'system-security/security_question.md',
    ]);
    for (const pdf of pdfs) {
      expect(files[pdf]!.subarray(0, 5).toString(), pdf).toBe('%PDF-');
      expect(files[pdf]!.toString('latin1').match(/\/Type \/Page\b/g)?.length, pdf).toBeGreaterThan(
        0,
      );
    }
    expect(run.stdout).toMatch(/system-security\/security_question\.md\s+\d+ B/);
    expect(run.stdout).toMatch(/The briefs, checked against what was exported:\n(✓ .+\n){7}\n/);
    expect(run.stdout).toContain(
      '✓ System Security · The ten OWASP Top 10 2021 categories, in each language — EN: 10/10; ES: 10/10',
    );
    expect(run.stdout).toMatch(
      new RegExp(`${Object.keys(files).length} files written to .* in \\d+\\.\\d\\d s`),
    );

    const manifest = files['MANIFEST.md']!.toString('utf8');
    for (const [path, contents] of Object.entries(files)) {
      if (path === 'MANIFEST.md') continue;
      const hash = createHash('sha256').update(contents).digest('hex');
      expect(manifest).toContain(
        `| \`${path}\` | ${contents.length} | \`${hash}\` | ${briefFor(path)} |`,
      );
    }
  });

  it('exports clean GFM with the ten official headings and no MDX left', async () => {
    const out = join(await outside(), 'submission');
    await runExport('--out', out);
    for (const [lang, name] of [
      ['en', 'security_question.md'],
      ['es', 'security_question.es.md'],
    ] as const) {
      const markdown = await readFile(join(out, 'system-security', name), 'utf8');
      const headings = markdown.split('\n').filter((line) => /^## A\d\d:2021/.test(line));
      expect(headings).toEqual(owaspTop10.map((_, i) => `## ${categoryHeading(i, lang)}`));
      expect(markdown).toMatch(/^# \S/);
      expect(markdown).not.toMatch(/^(import|export)\s/m);
      expect(markdown).not.toMatch(/<\/?[A-Z][A-Za-z]*/);
      expect(markdown).not.toMatch(/\{\/\*|^---$/m);
    }
  });

  it('hands in every architecture image titled, sharp, and fitting a 1920×1080 screen', async () => {
    const out = join(await outside(), 'submission');
    await runExport('--out', out);
    const renderer = new DiagramRenderer();
    try {
      const pngs = Object.keys(await tree(out)).filter(
        (path) => path.endsWith('.png') && path !== 'devops/part-2/diagram.png',
      );
      // Every exported image is checked: a new one fails here until it is listed.
      expect(pngs.sort()).toEqual(Object.keys(architectureImages).sort());
      for (const [path, name] of Object.entries(architectureImages)) {
        const png = await readFile(join(out, path));
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
        const svg = await readFile(
          join(out, 'cloud-computing', `instagram-stories-architecture${suffix}.svg`),
          'utf8',
        );
        expect(svg).toMatch(/^<svg [^>]*role="img"/);
        expect(svg).not.toContain('foreignObject');
      }
    } finally {
      await renderer.close();
    }
  });

  it('exports Part 2 as a README whose diagram link points at a file beside it', async () => {
    const out = join(await outside(), 'submission');
    await runExport('--out', out);
    const readme = await readFile(join(out, 'devops', 'part-2', 'README.md'), 'utf8');
    const links = [...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links).toEqual(['topology.png']);
    for (const link of links)
      expect((await stat(join(out, 'devops', 'part-2', link))).size).toBeGreaterThan(10_000);
    expect(readme).not.toMatch(/^(import|export)\s/m);
    expect(readme).not.toMatch(/<\/?[A-Z][A-Za-z]*/);
    expect(readme).toMatch(/^## The DynamoDB variant$/m);
  });

  it('hands in the challenge’s original diagram beside the README when it is in content', async () => {
    const content = await copyContent();
    const original = join(content, 'devops', 'part-2', 'diagram.png');
    await writeFile(original, Buffer.from(tinyPng, 'base64'));
    const out = join(await outside(), 'submission');
    expect((await runExport('--out', out, '--content', content)).code).toBe(0);
    const readme = await readFile(join(out, 'devops', 'part-2', 'README.md'), 'utf8');
    expect([...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((m) => m[1])).toEqual([
      'topology.png',
      'diagram.png',
    ]);
    expect(await readFile(join(out, 'devops', 'part-2', 'diagram.png'))).toEqual(
      Buffer.from(tinyPng, 'base64'),
    );
  });

  it('exports Part 1 as the project itself, its page as the README, and nothing generated', async () => {
    const content = await copyContent();
    const project = join(content, 'devops', 'part-1');
    for (const junk of [
      'node_modules/aws-cdk-lib/index.js',
      'cdk.out/manifest.json',
      'app/__pycache__/app.cpython-311.pyc',
      'cdk.context.json',
    ]) {
      await mkdir(dirname(join(project, junk)), { recursive: true });
      await writeFile(join(project, junk), 'generated');
    }
    const out = join(await outside(), 'submission');
    expect((await runExport('--out', out, '--content', content)).code).toBe(0);
    const exported = await tree(join(out, 'devops', 'part-1'));
    expect(Object.keys(exported).sort()).toEqual(
      ['README.md', 'architecture.png', ...part1Tracked].sort(),
    );
    for (const path of part1Tracked) {
      expect(exported[path], path).toEqual(
        await readFile(join(root, 'content', 'devops', 'part-1', path)),
      );
    }
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

  it('packs part-1/, part-2/ and .github/ into devops-challenge.zip, byte for byte, as the reviewers’ repository lays them out', async () => {
    const out = join(await outside(), 'submission');
    expect((await runExport('--out', out)).code).toBe(0);
    // Python's zipfile, not the library that wrote it, reads the archive back.
    const listing = execFileSync(
      'python3',
      [
        '-c',
        'import hashlib, json, sys, zipfile\n' +
          'z = zipfile.ZipFile(sys.argv[1])\n' +
          'assert z.testzip() is None\n' +
          'print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))',
        join(out, 'devops', 'devops-challenge.zip'),
      ],
      { encoding: 'utf8' },
    );
    const expected: Record<string, string> = {};
    // Part 1's CI workflow sits at the root, where GitHub reads it, beside the two parts.
    for (const part of ['part-1', 'part-2', '.github']) {
      for (const [path, contents] of Object.entries(await tree(join(out, 'devops', part)))) {
        expected[`${part}/${path}`] = createHash('sha256').update(contents).digest('hex');
      }
    }
    expect(JSON.parse(listing)).toEqual(expected);
  });

  it('fails when a file of Part 1 is missing, naming it', async () => {
    const content = await copyContent();
    await rm(join(content, 'devops', 'part-1', 'app', 'Dockerfile'));
    const run = await runExport('--out', join(await outside(), 's'), '--content', content);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /devops\/part-1\/app\/Dockerfile: DevOps Part 1 hands this file in, and it is missing/,
    );
  });

  it('gives identical files when run twice, PDFs included', async () => {
    const dir = await outside();
    await runFullExport('--out', join(dir, 'a'));
    await runFullExport('--out', join(dir, 'b'));
    expect(await tree(join(dir, 'a'))).toEqual(await tree(join(dir, 'b')));
  });

  it('with --lang es hands in the Spanish answer as security_question.md', async () => {
    const out = join(await outside(), 'submission');
    expect((await runExport('--out', out, '--lang', 'es')).code).toBe(0);
    const files = await tree(out);
    expect(files['system-security/security_question.md']!.toString()).toMatch(
      /^# Auditoría de seguridad/,
    );
    expect(files['system-security/security_question.en.md']!.toString()).toMatch(
      /^# Security audit/,
    );
  });

  it('refuses an unknown language', async () => {
    const run = await runExport('--out', join(await outside(), 's'), '--lang', 'fr');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--lang must be one of en, es/);
  });

  it('fails on broken MDX with its path and line, and leaves the previous submission as it was', async () => {
    const out = join(await outside(), 'submission');
    expect((await runExport('--out', out)).code).toBe(0);
    const before = await tree(out);
    await writeFile(join(out, 'system-security', 'notes.txt'), 'kept');

    const content = await copyContent();
    await edit(
      join(content, 'security', 'es.mdx'),
      '## A03:2021 – Inyección',
      '## A03:2021 – Inyección\n\n<Chart',
    );
    const run = await runExport('--out', out, '--content', content);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/content\/security\/es\.mdx:\d+:\d+: this MDX does not parse/);
    expect(run.stderr).toMatch(/Nothing was changed in the output folder/);
    expect(await tree(out)).toEqual({
      ...before,
      'system-security/notes.txt': Buffer.from('kept'),
    });
    expect((await readdir(join(out, '..'))).sort()).toEqual(['submission']);
  });

  it('fails on a missing OWASP category, naming the file and the heading to add', async () => {
    const content = await copyContent();
    await edit(
      join(content, 'security', 'en.mdx'),
      '## A09:2021 – Security Logging and Monitoring Failures',
      '## Logging',
    );
    const run = await runExport('--out', join(await outside(), 's'), '--content', content);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /content\/security\/en\.mdx: A09:2021 is missing\n {2}Fix: add a section “## A09:2021 – Security Logging and Monitoring Failures”/,
    );
  });

  it('fails when a requirement of a brief does not hold, and says which and what it measured', async () => {
    const diagrams = await copyDiagrams();
    await edit(
      join(diagrams, 'instagram-stories.mmd'),
      'sqs -->|4 · batches| workers',
      'sqs --> workers',
    );
    const out = join(await outside(), 'submission');
    const run = await runExport('--out', out, '--diagrams', diagrams);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'a requirement of the brief does not hold:\n✗ Cloud Computing · Every edge of the flowchart labeled — EN: 22 of 23; ES: 23 of 23',
    );
    expect(run.stderr).toMatch(/Nothing was changed in the output folder/);
    expect(existsSync(out)).toBe(false);
  });

  it('fails on a diagram without accTitle, naming the file and the fix', async () => {
    const diagrams = await copyDiagrams();
    await edit(join(diagrams, 'instagram-stories.mmd'), '  accTitle:', '  %% accTitle:');
    const run = await runExport('--out', join(await outside(), 's'), '--diagrams', diagrams);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /diagrams\/instagram-stories\.mmd:2: the diagram has no accTitle\n {2}Fix: add a line `accTitle:/,
    );
  });
});
