/** Who the answers are by, as the candidate introduces himself in his transcript. */
export const candidate = { name: 'Diego Felipe' } as const;
