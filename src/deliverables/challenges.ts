/** The two hiring challenges the deliverables answer, as each deliverable's brief names them. */
export const challenges = {
  part3: { en: 'Challenge “Part 3”', es: 'Reto «Part 3»' },
  devops: { en: 'DevOps Engineer challenge', es: 'Reto DevOps Engineer' },
} as const;
