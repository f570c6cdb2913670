// The API's Lambda function. It answers with the event it received, so you can see what API
// Gateway sends; a few paths show the other things a function can do.
export const handler = async (event, context) => {
  const path = event.rawPath ?? event.path;
  switch (path.split('/').pop()) {
    case 'throw':
      throw new Error('the handler failed');
    case 'hang':
      return new Promise(() => {}); // never answers: stopped at the function's timeout
    case 'crash':
      process.exit(1); // the execution environment dies; the next request gets a fresh one
      break;
    case 'binary':
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/octet-stream' },
        body: Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').reverse().toString('base64'),
        isBase64Encoded: true,
      };
    case 'cookies':
      return event.version === '2.0'
        ? { statusCode: 200, cookies: ['session=abc; Path=/; HttpOnly', 'theme=dark'], body: 'two cookies' }
        : { statusCode: 200, multiValueHeaders: { 'Set-Cookie': ['session=abc; Path=/; HttpOnly', 'theme=dark'] }, body: 'two cookies' };
    case 'hello':
      return 'Hello'; // 2.0 infers a 200 application/json response around it
    case 'malformed':
      return { statusCode: 'not a number' };
    default:
      console.log('handling %s %s', event.requestContext.http?.method ?? event.httpMethod, path);
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'x-greeting': process.env.GREETING },
        body: JSON.stringify({ event, awsRequestId: context.awsRequestId, functionName: context.functionName }),
      };
  }
};
