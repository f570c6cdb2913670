// Two Lambda authorizers: one answering simple responses (payload 2.0), one an IAM policy (1.0).
// The key "let-me-in" is allowed; "unauthorized" is refused with 401; "boom" makes the authorizer fail.
let invocations = 0;

export const simple = async (event) => {
  invocations += 1;
  const [key] = event.identitySource;
  if (key === 'boom') throw new Error('the authorizer exploded');
  if (key === 'unauthorized') throw new Error('Unauthorized');
  return { isAuthorized: key === 'let-me-in', context: { user: 'ada', invocations } };
};

export const policy = async (event) => ({
  principalId: 'user-ada',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: event.identitySource === 'let-me-in' ? 'Allow' : 'Deny', Resource: event.methodArn }],
  },
  context: { tier: 'gold' },
});
