/**
 * A Clever Cloud OAuth consumer of the user's own, new or edited: name, key, secret (kept in the
 * keychain) and the fixed loopback port of its callback.
 */
import type { CleverCloudConsumer } from '../../../../shared/types';
import { StoredSecretField } from '../../components/FormParts';
import { SavedConnectionForm, type FormFields, type SavedConnectionFormProps } from '../../components/SavedConnectionForm';
import { useTessera } from '../../tessera';

const DEFAULT_CALLBACK_PORT = 45874;

export function ConsumerForm(props: SavedConnectionFormProps<CleverCloudConsumer>) {
  const api = useTessera();
  const save = (fields: FormFields) =>
    api.saveCleverCloudConsumer({ id: props.saved?.id, ...fields.texts('name', 'key'), secret: fields.optional('secret'), callbackPort: fields.number('port') });
  return (
    <SavedConnectionForm {...props} testId="cc-consumer-form" submit="Save consumer" save={save}>
      <p class="muted">
        Register the consumer in the Clever Cloud console with a base URL of <code>http://127.0.0.1</code>; Tessera receives the callback on the port below.
        The secret is kept in the system keychain.
      </p>
      <label for="cc-c-name">Name</label>
      <input id="cc-c-name" name="name" required value={props.saved?.name ?? ''} />
      <label for="cc-c-key">Consumer key</label>
      <input id="cc-c-key" name="key" required spellcheck={false} value={props.saved?.key ?? ''} />
      <StoredSecretField
        id="cc-c-secret"
        name="secret"
        label="Consumer secret"
        saved={props.saved}
        hints={{ changedOutside: 'This consumer was changed outside Tessera: enter its secret again to use it.', otherwise: 'Changing the consumer key needs the secret again.' }}
      />
      <label for="cc-c-port">Callback port on 127.0.0.1</label>
      <input id="cc-c-port" name="port" type="number" min="1024" max="65535" required value={props.saved?.callbackPort ?? DEFAULT_CALLBACK_PORT} />
    </SavedConnectionForm>
  );
}
