/**
 * `ajv/dist/2020.js` for the browser build. Ajv compiles schemas into code with `new Function`,
 * which the page's Content-Security-Policy forbids; scripts/build-web.mjs compiles every schema
 * the built-in rules and config need ahead of time (Ajv's standalone code) and this stand-in hands
 * `src/config/validate.ts` the precompiled validator for the schema it asks for.
 */
import { validators } from 'dhr-web:validators';
import { schemaKey } from '../schema-key.js';

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

class PrecompiledAjv {
  constructor(_options?: unknown) {}

  compile(schema: unknown): Validate {
    const validate = (validators as Record<string, Validate>)[schemaKey(schema)];
    if (!validate) throw new Error('this schema was not compiled into the page (rebuild it with npm run build:web)');
    return validate;
  }
}

// validate.ts reads the class as `module.default.default` (Ajv ships CommonJS).
export default { default: PrecompiledAjv };
