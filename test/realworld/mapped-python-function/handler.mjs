export const handler = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    table: process.env.TABLE,
    apiKeyHash: process.env.API_KEY_HASH,
    remainingMs: context.getRemainingTimeInMillis(),
    memory: context.memoryLimitInMB,
    functionName: context.functionName,
  }),
});
