// The chat's functions. On AWS, connection ids belong in DynamoDB (aws-samples/simple-websockets-chat-app);
// here they are kept in a file in the temporary directory, so that the example runs with nothing else.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';

const STORE = join(tmpdir(), 'portico-websocket-chat.json');

function connections() {
  try {
    return JSON.parse(readFileSync(STORE, 'utf8'));
  } catch {
    return [];
  }
}

function save(ids) {
  writeFileSync(STORE, JSON.stringify([...new Set(ids)]));
}

export const onConnect = async (event) => {
  save([...connections(), event.requestContext.connectionId]);
  return { statusCode: 200 };
};

export const onDisconnect = async (event) => {
  save(connections().filter((id) => id !== event.requestContext.connectionId));
  return { statusCode: 200 };
};

export const sendMessage = async (event) => {
  const { domainName, stage, connectionId } = event.requestContext;
  const client = new ApiGatewayManagementApiClient({ endpoint: `https://${domainName}/${stage}` });
  const text = JSON.parse(event.body).data ?? '';
  const gone = [];
  for (const id of connections()) {
    try {
      await client.send(new PostToConnectionCommand({ ConnectionId: id, Data: `${connectionId.slice(0, 4)}: ${text}` }));
    } catch (error) {
      if (error instanceof GoneException) gone.push(id);
      else throw error;
    }
  }
  if (gone.length > 0) save(connections().filter((id) => !gone.includes(id)));
  return { statusCode: 200 };
};

export const help = async () => ({
  statusCode: 200,
  body: 'Send {"action":"sendmessage","data":"your text"} to talk to everyone here.',
});
