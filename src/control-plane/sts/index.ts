export { answerSts, STS_AUTH_CODES, stsError, type StsCaller, type StsReply } from './get-caller-identity.js';
export { isStsRequest } from './is-sts-request.js';
