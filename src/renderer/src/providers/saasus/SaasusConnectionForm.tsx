/**
 * A SaaS connection, new or edited: SaaS ID, API key, secret key (kept in the keychain), the API
 * base URL, the SaaS's login page and the loopback port Tessera listens on for its callback.
 */
import type { SaasusConnection } from '../../../../shared/types';
import { StoredSecretField } from '../../components/FormParts';
import { SavedConnectionForm, type FormFields, type SavedConnectionFormProps } from '../../components/SavedConnectionForm';
import { useTessera } from '../../tessera';

const DEFAULT_CALLBACK_PORT = 45873;

export function SaasusConnectionForm(props: SavedConnectionFormProps<SaasusConnection>) {
  const api = useTessera();
  const save = (fields: FormFields) =>
    api.saveSaasusConnection({
      id: props.saved?.id,
      ...fields.texts('name', 'saasId', 'apiKey', 'apiBaseUrl', 'loginUrl'),
      secretKey: fields.optional('secretKey'),
      callbackPort: fields.number('callbackPort'),
    });
  return (
    <SavedConnectionForm {...props} testId="saasus-connection-form" submit="Save connection" save={save}>
      <p class="muted">Find these in the SaaSus console, under the API keys of your SaaS. The secret key is kept in the system keychain.</p>
      <label for="c-name">Name</label>
      <input id="c-name" name="name" required value={props.saved?.name ?? ''} placeholder="My SaaS (production)" />
      <label for="c-saas">SaaS ID</label>
      <input id="c-saas" name="saasId" required value={props.saved?.saasId ?? ''} spellcheck={false} />
      <label for="c-key">API key</label>
      <input id="c-key" name="apiKey" required value={props.saved?.apiKey ?? ''} spellcheck={false} />
      <StoredSecretField
        id="c-secret"
        name="secretKey"
        label="Secret key"
        saved={props.saved}
        hints={{
          changedOutside: 'This connection was changed outside Tessera: enter its secret key again to use it.',
          otherwise: 'Changing the SaaS ID, the API key or the host of a URL needs the secret key again: they decide where your users’ tokens go.',
        }}
      />
      <label for="c-base">API base URL</label>
      <input id="c-base" name="apiBaseUrl" type="url" required value={props.saved?.apiBaseUrl ?? 'https://api.saasus.io/v1/auth'} />
      <label for="c-login">Login page URL</label>
      <input id="c-login" name="loginUrl" type="url" required value={props.saved?.loginUrl ?? ''} placeholder="https://auth.example.com/" />
      <label for="c-port">Callback port on 127.0.0.1</label>
      <input id="c-port" name="callbackPort" type="number" min="1024" max="65535" required value={props.saved?.callbackPort ?? DEFAULT_CALLBACK_PORT} />
    </SavedConnectionForm>
  );
}
