export const handler = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ routeKey: event.routeKey, path: event.rawPath, table: process.env.TABLE, functionName: context.functionName }),
});
