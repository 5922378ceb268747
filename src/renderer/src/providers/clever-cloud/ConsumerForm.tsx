/**
 * A Clever Cloud OAuth consumer of the user's own, new or edited: name, key, secret (kept in the
 * keychain) and the fixed loopback port of its callback.
 */
import { CLEVER_CLOUD_DEFAULT_CALLBACK_PORT as DEFAULT_CALLBACK_PORT } from '../../../../shared/callback-urls';
import type { CleverCloudConsumer } from '../../../../shared/types';
import { StoredSecretField } from '../../components/FormParts';
import { SavedConnectionForm, type FormFields, type SavedConnectionFormProps } from '../../components/SavedConnectionForm';
import { useI18n } from '../../i18n';
import { useTessera } from '../../tessera';

export function ConsumerForm(props: SavedConnectionFormProps<CleverCloudConsumer>) {
  const api = useTessera();
  const { t } = useI18n();
  const save = (fields: FormFields) =>
    api.saveCleverCloudConsumer({ id: props.saved?.id, ...fields.texts('name', 'key'), secret: fields.optional('secret'), callbackPort: fields.number('port') });
  return (
    <SavedConnectionForm {...props} testId="cc-consumer-form" submit={t('cleverAdd.saveConsumer')} save={save}>
      {() => (
        <>
          <p class="muted">{t('cleverAdd.consumerIntro')}</p>
          <label for="cc-c-name">{t('cleverAdd.consumerName')}</label>
          <input id="cc-c-name" name="name" required value={props.saved?.name ?? ''} />
          <label for="cc-c-key">{t('cleverAdd.consumerKey')}</label>
          <input id="cc-c-key" name="key" required spellcheck={false} value={props.saved?.key ?? ''} />
          <StoredSecretField
            id="cc-c-secret"
            name="secret"
            label={t('cleverAdd.consumerSecret')}
            saved={props.saved}
            hints={{ changedOutside: t('cleverAdd.consumerChangedOutside'), otherwise: t('cleverAdd.consumerSecretOtherwise') }}
          />
          <label for="cc-c-port">{t('cleverAdd.callbackPort')}</label>
          <input id="cc-c-port" name="port" type="number" min="1024" max="65535" required value={props.saved?.callbackPort ?? DEFAULT_CALLBACK_PORT} />
        </>
      )}
    </SavedConnectionForm>
  );
}
