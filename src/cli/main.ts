import { Command } from 'commander';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_CLIENT_LIMITS,
  DEFAULT_HOST,
  DEFAULT_LOG_LEVEL,
  DEFAULT_PORT,
  DEFAULT_TLS_PORT,
  keepYoungGenerationSmall,
  printableLines,
} from '../server/index.js';
import { runDemo, runUp } from './commands.js';
import { runToken } from './token.js';

// Before start-up's own allocations can grow it (server/heap.ts).
keepYoungGenerationSmall();

const program = new Command();
program
  .name('portico')
  .description('AWS API Gateway v2 (HTTP and WebSocket APIs) that you run yourself: same Terraform, same wire protocol, same behaviour.')
  .version('0.1.0');

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function withServeOptions(command: Command): Command {
  return command
    .option('--port <n>', 'edge port: execute-api endpoints and the AWS control plane', String(DEFAULT_PORT))
    .option('--host <address>', 'interface to listen on (0.0.0.0 to serve other machines)', DEFAULT_HOST)
    .option('--api-port <[NAME_OR_ID=]N>', "serve one API's endpoint at the root of its own port (repeatable)", collect)
    .option(
      '--target <KEY=URL[,URL...]>',
      'where a private integration target lives: listener ARN, LB name, Cloud Map service ARN or Terraform address (repeatable)',
      collect,
    )
    .option('--target-ca <file>', 'PEM CA certificate to trust for https:// targets, besides the public roots (repeatable)', collect)
    .option(
      '--function <NAME_OR_ARN=TARGET>',
      'run a Lambda function from ./handler.mjs#export, or forward it to a Lambda Invoke endpoint http://host:port (repeatable)',
      collect,
    )
    .option('--var <NAME=VALUE>', 'set a Terraform variable (repeatable)', collect)
    .option('--var-file <file>', 'read Terraform variables from a file (repeatable)', collect)
    .option('--state <file>', 'SQLite state file, or :memory: to keep none (default: DIR/.portico/state.db)')
    .option('--store <url>', 'cluster mode: keep the state in PostgreSQL, shared by every node (postgres://user@host/db; PORTICO_STORE)')
    .option('--redis <url>', 'cluster mode: throttling buckets in Redis, shared by every node (redis://host:6379; PORTICO_REDIS)')
    .option('--node <name>', "this node's name in metrics and /_portico/health (PORTICO_NODE; default: host name and port)")
    .option('--region <region>', 'AWS region (default: the Terraform provider region, AWS_REGION, or us-east-1)')
    .option('--account-id <id>', 'account id used in ARNs', DEFAULT_ACCOUNT_ID)
    .option('--auth <ACCESS_KEY:SECRET>', 'verify SigV4 signatures on the control plane with these credentials (repeatable)', collect)
    .option(
      '--jwks <ISSUER=URL|FILE|dev>',
      "where a JWT authorizer's issuer gets its keys here: a JWKS URL, a JWKS file, or dev for `portico token` (repeatable)",
      collect,
    )
    .option('--log-level <level>', `log level of Portico's own events (default: PORTICO_LOG_LEVEL, else ${DEFAULT_LOG_LEVEL})`)
    .option('--log-dir <dir>', 'where stage access logs go, one file per log group (default: DIR/.portico/logs)')
    .option('--log-to-stdout', 'also write every access-log line to stdout')
    .option('--account-rate <rps>', 'account-level throttling rate across all APIs, requests per second (AWS: 10000)')
    .option('--account-burst <n>', 'account-level throttling burst (AWS: 5000)')
    .option(
      '--quota <NAME=N>',
      "raise one of AWS's adjustable quotas: routesPerApi (300), stagesPerApi (10), authorizersPerApi (10), vpcLinks (10), domainNames (120) (repeatable)",
      collect,
    )
    .option('--tls-cert <file>', 'PEM certificate for an HTTPS port serving what the edge port serves (custom domains over HTTPS)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .option('--tls-port <n>', 'HTTPS port with --tls-cert/--tls-key', String(DEFAULT_TLS_PORT))
    .option(
      '--headers-timeout <ms>',
      'slow clients: time to send the request head before a 408',
      String(DEFAULT_CLIENT_LIMITS.headersTimeoutMs),
    )
    .option(
      '--request-timeout <ms>',
      'slow clients: time to send the whole request before a 408',
      String(DEFAULT_CLIENT_LIMITS.requestTimeoutMs),
    )
    .option(
      '--workers <n>',
      'gateway processes serving the same ports, configuration and state; throttling and metrics stay whole ("auto": one per core)',
      '1',
    )
    .option('--no-console', 'do not serve the console at /_portico/ on the edge port')
    .option('--console-history <n>', 'requests the console keeps (bodies up to 64 KiB each)', '1000')
    .option('--console-show-secrets', 'show Authorization, cookies and SigV4 signatures in the console instead of masking them');
}

withServeOptions(program.command('up').argument('[dir]', 'directory with the .tf files', '.'))
  .description('load the Terraform in DIR and serve its HTTP and WebSocket APIs (and the AWS control plane)')
  .option('--watch', 'reload when the .tf files, tfvars or portico.json change; a broken edit keeps the last good configuration serving')
  .action(async (dir: string, options: Record<string, unknown>) => {
    await runUp(dir, options);
  });

withServeOptions(program.command('serve'))
  .description('start an empty gateway configured only through the AWS control plane')
  .action(async (options: Record<string, unknown>) => {
    await runUp(undefined, options);
  });

program
  .command('demo')
  .description("run the seed's system: its Terraform, with a demo backend behind the VPC link")
  .option('--port <n>', 'edge port', String(DEFAULT_PORT))
  .option('--api-port <n>', "port serving the seed API's $default stage", '8080')
  .action((options: Record<string, unknown>) => runDemo(options));

program
  .command('token')
  .description("print a JWT signed by this project's development issuer, for issuers served with --jwks ISSUER=dev")
  .requiredOption('--issuer <url>', "the token's iss: the authorizer's issuer")
  .requiredOption('--aud <audience>', "the token's aud: one of the authorizer's audiences (repeatable)", collect)
  .option('--scope <scopes>', 'space-separated scopes, in the scope claim')
  .option('--sub <subject>', "the token's sub", 'portico-dev')
  .option('--claim <NAME=VALUE>', 'another string claim (repeatable)', collect)
  .option('--expires-in <seconds>', 'lifetime', '3600')
  .option('--dir <dir>', 'the directory served by portico up (its .portico/dev-issuer.json holds the key)', '.')
  .action((options: Record<string, unknown>) => runToken(options));

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`portico: ${printableLines(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
