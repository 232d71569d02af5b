// The chat participant's id and name (package.json contributes.chatParticipants); no vscode import.
export const PARTICIPANT_NAME = 'dev-backend';
