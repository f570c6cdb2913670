// What the team runs locally in place of the Python function (mapped with --function).
export const handler = async (event, context) => ({
  statusCode: 201,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    routeKey: event.routeKey,
    stage: event.requestContext.stage,
    functionName: context.functionName,
    body: event.body,
  }),
});
