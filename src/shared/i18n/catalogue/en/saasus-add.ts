/** English: saasusAdd. */
export const saasusAdd = {} as const;
