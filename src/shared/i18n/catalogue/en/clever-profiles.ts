/** English: cleverProfiles. */
export const cleverProfiles = {} as const;
