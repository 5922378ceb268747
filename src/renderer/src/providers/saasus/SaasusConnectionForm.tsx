/**
 * A SaaS connection, new or edited: SaaS ID, API key, secret key (kept in the keychain), the API
 * base URL, the SaaS's login page and the loopback port Tessera listens on for its callback.
 *
 * The callback address to register in the SaaSus console is shown (with a copy button) as the
 * port is typed, before anything is saved. Saving tests the connection first (one signed call,
 * `check`: src/main/providers/saasus/connections.ts): a refused signature or an unreachable API
 * comes back next to the fields it is about, and nothing is stored until it passes.
 */
import { createSignal } from 'solid-js';
import { SAASUS_DEFAULT_CALLBACK_PORT as DEFAULT_CALLBACK_PORT, saasusCallbackUrl } from '../../../../shared/callback-urls';
import type { SaasusConnection } from '../../../../shared/types';
import { CopyableAddress, StoredSecretField } from '../../components/FormParts';
import { SavedConnectionForm, type FormFields, type SavedConnectionFormProps } from '../../components/SavedConnectionForm';
import { useI18n } from '../../i18n';
import { useTessera } from '../../tessera';
import { connectionFieldsOf } from './connection-fields';

export function SaasusConnectionForm(props: SavedConnectionFormProps<SaasusConnection>) {
  const api = useTessera();
  const { t } = useI18n();
  const [port, setPort] = createSignal(props.saved?.callbackPort ?? DEFAULT_CALLBACK_PORT);
  const save = (fields: FormFields) =>
    api.saveSaasusConnection({
      id: props.saved?.id,
      ...fields.texts('name', 'saasId', 'apiKey', 'apiBaseUrl', 'loginUrl'),
      secretKey: fields.optional('secretKey'),
      callbackPort: fields.number('callbackPort'),
      check: true,
    });
  return (
    <SavedConnectionForm {...props} testId="saasus-connection-form" submit={t('saasusAdd.saveConnection')} save={save} fieldsOf={connectionFieldsOf}>
      {(errors) => (
        <>
          <p class="muted">{t('saasusAdd.formIntro')}</p>
          <label for="c-name">{t('saasusAdd.name')}</label>
          <input id="c-name" name="name" required value={props.saved?.name ?? ''} placeholder={t('saasusAdd.namePlaceholder')} />
          <label for="c-saas">{t('saasusAdd.saasId')}</label>
          <input id="c-saas" name="saasId" required value={props.saved?.saasId ?? ''} spellcheck={false} {...errors.attrs('saasId')} />
          <label for="c-key">{t('saasusAdd.apiKey')}</label>
          <input id="c-key" name="apiKey" required value={props.saved?.apiKey ?? ''} spellcheck={false} {...errors.attrs('apiKey')} />
          <StoredSecretField
            id="c-secret"
            name="secretKey"
            label={t('saasusAdd.secretKey')}
            saved={props.saved}
            errorId={errors.errorId('secretKey')}
            hints={{ changedOutside: t('saasusAdd.secretChangedOutside'), otherwise: t('saasusAdd.secretOtherwise') }}
          />
          <errors.Error name="secretKey" />
          <label for="c-base">{t('saasusAdd.apiBaseUrl')}</label>
          <input id="c-base" name="apiBaseUrl" type="url" required value={props.saved?.apiBaseUrl ?? 'https://api.saasus.io/v1/auth'} spellcheck={false} {...errors.attrs('apiBaseUrl')} />
          <errors.Error name="apiBaseUrl" />
          <label for="c-login">{t('saasusAdd.loginUrl')}</label>
          <input id="c-login" name="loginUrl" type="url" required value={props.saved?.loginUrl ?? ''} placeholder={t('saasusAdd.loginUrlPlaceholder')} spellcheck={false} {...errors.attrs('loginUrl')} />
          <errors.Error name="loginUrl" />
          <label for="c-port">{t('saasusAdd.callbackPort')}</label>
          <input
            id="c-port"
            name="callbackPort"
            type="number"
            min="1024"
            max="65535"
            required
            value={props.saved?.callbackPort ?? DEFAULT_CALLBACK_PORT}
            aria-describedby="c-callback-hint"
            onInput={(e) => setPort(Number(e.currentTarget.value))}
          />
          <div class="notice" id="c-callback-hint" data-testid="saasus-callback-to-register">
            <p>{t('saasusAdd.registerCallback')}</p>
            <CopyableAddress address={saasusCallbackUrl(Number.isInteger(port()) && port() > 0 ? port() : DEFAULT_CALLBACK_PORT)} id="c-callback-url" />
          </div>
        </>
      )}
    </SavedConnectionForm>
  );
}
