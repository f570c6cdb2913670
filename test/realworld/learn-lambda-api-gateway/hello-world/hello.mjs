export const handler = async (event) => {
  const name = event.queryStringParameters?.Name ?? 'World';
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `Hello, ${name}!` }) };
};
