import type { Lang } from './i18n.ts';

/** The ids of the deliverables the kit builds; content frontmatter names one of them. */
export const deliverableIds = [
  'english',
  'cloud-computing',
  'system-security',
  'devops-part-1',
  'devops-part-2',
] as const;
export type DeliverableId = (typeof deliverableIds)[number];

export interface Deliverable {
  id: DeliverableId;
  /** Path segment of its page, in every language. */
  route: string;
  /** The challenge, and the section of it, this deliverable answers. */
  brief: { challenge: Record<Lang, string>; section: Record<Lang, string>; seed: string };
  /** What `npm run export` writes for it, relative to `submission/`. */
  exports: readonly string[];
}

export const deliverables: readonly Deliverable[] = [
  {
    id: 'english',
    route: 'english',
    brief: {
      challenge: { en: 'Challenge “Part 3”', es: 'Reto «Part 3»' },
      section: { en: 'English', es: 'Inglés' },
      seed: '000_629f584808f7fc7a.txt',
    },
    exports: ['english/recording-script.txt', 'english/transcript.md'],
  },
  {
    id: 'cloud-computing',
    route: 'cloud-computing',
    brief: {
      challenge: { en: 'Challenge “Part 3”', es: 'Reto «Part 3»' },
      section: { en: 'Cloud Computing', es: 'Computación en la nube' },
      seed: '000_629f584808f7fc7a.txt',
    },
    exports: [
      'cloud-computing/instagram-stories-architecture.png',
      'cloud-computing/instagram-stories-architecture-es.png',
      'cloud-computing/instagram-stories-architecture.svg',
      'cloud-computing/instagram-stories-architecture-es.svg',
    ],
  },
  {
    id: 'system-security',
    route: 'system-security',
    brief: {
      challenge: { en: 'Challenge “Part 3”', es: 'Reto «Part 3»' },
      section: { en: 'System Security', es: 'Seguridad de sistemas' },
      seed: '000_629f584808f7fc7a.txt',
    },
    exports: ['system-security/security_question.md', 'system-security/security_question.es.md'],
  },
  {
    id: 'devops-part-1',
    route: 'devops/part-1',
    brief: {
      challenge: { en: 'DevOps Engineer challenge', es: 'Reto DevOps Engineer' },
      section: { en: 'Part 1', es: 'Parte 1' },
      seed: '001_8becfea041996dc1.txt',
    },
    exports: [
      'devops/part-1/',
      'devops/.github/workflows/part-1.yml',
      'devops/devops-challenge.zip',
    ],
  },
  {
    id: 'devops-part-2',
    route: 'devops/part-2',
    brief: {
      challenge: { en: 'DevOps Engineer challenge', es: 'Reto DevOps Engineer' },
      section: { en: 'Part 2', es: 'Parte 2' },
      seed: '001_8becfea041996dc1.txt',
    },
    exports: [
      'devops/part-2/README.md',
      'devops/part-2/topology.png',
      'devops/devops-challenge.zip',
    ],
  },
];

export function deliverable(id: DeliverableId): Deliverable {
  const found = deliverables.find((d) => d.id === id);
  if (!found) throw new Error(`Unknown deliverable “${id}”.`);
  return found;
}
