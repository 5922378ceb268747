/** English: agent. */
export const agent = {} as const;
