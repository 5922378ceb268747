/** English: the agent's questions in the window (ApprovalDialog.tsx). */
export const agent = {
  askCredential: 'A program asks for a credential',
  askGrant: 'A grant asks for your confirmation',
  once: 'Allow once',
  session: 'Allow for this terminal session',
  confirm: 'Confirm the grant',
  deny: 'Deny',
  keysHint: 'Enter allows once, Escape denies. Nobody answering within two minutes is a refusal.',
} as const;
