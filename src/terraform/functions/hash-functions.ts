import type * as Bcryptjs from 'bcryptjs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { FunctionSpec } from './args.js';

/**
 * bcrypt(str, cost = 10) (https://developer.hashicorp.com/terraform/language/functions/bcrypt):
 * a Blowfish hash in the "$2a$" form Terraform's Go library writes. Terraform salts it at random,
 * so its result changes on every run; Portico derives the salt from the string and the cost, so a
 * reload gives the same configuration, and the hash still verifies against the string as any
 * bcrypt hash does.
 */
/** bcryptjs, loaded the first time a configuration calls bcrypt() (CommonJS build, the same code as its ES module). */
let bcryptjs: typeof Bcryptjs | undefined;

function bcrypt(text: string, cost: number): string {
  const { encodeBase64, hashSync } = (bcryptjs ??= createRequire(import.meta.url)('bcryptjs') as typeof Bcryptjs);
  const salt = encodeBase64(createHash('sha256').update(`portico/bcrypt/${cost}/${text}`).digest().subarray(0, 16), 16);
  return hashSync(text, `$2a$${String(cost).padStart(2, '0')}$${salt}`);
}

export const hashFunctions: Record<string, FunctionSpec> = {
  bcrypt: {
    params: ['str', 'cost'],
    optional: 1,
    impl: (a) => {
      const cost = a.length > 1 ? a.int(1) : 10;
      // The cost bounds of golang.org/x/crypto/bcrypt, which Terraform uses.
      if (cost < 4 || cost > 31) a.fail(`the cost must be between 4 and 31, got ${cost}`);
      return bcrypt(a.str(0), cost);
    },
  },
};
