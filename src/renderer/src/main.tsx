// The design system's rules come first: each component's own, imported beside it, follow them.
import './styles/tokens.css';
import './styles/layout.css';
import './styles/controls.css';
import { createSignal, onCleanup } from 'solid-js';
import { render } from 'solid-js/web';
import type { TesseraApi } from '../../shared/contract';
import { matchLocale, type LocaleInfo } from '../../shared/i18n/locales';
import { createTranslate } from '../../shared/i18n/translate';
import { App } from './App';
import { I18nProvider, loadCatalogue } from './i18n';
import { TesseraProvider } from './tessera';

/**
 * The window's language comes from main (Settings → Language, or the system's languages) and
 * follows `localeChanged`, so the whole window switches live. Until main answers, the page's own
 * languages (`navigator.languages`) choose.
 */
function Root(props: { api: TesseraApi; initial: LocaleInfo }) {
  const [info, setInfo] = createSignal(props.initial);
  onCleanup(props.api.on('localeChanged', setInfo));
  void props.api.getLocale().then((result) => {
    if (result.ok) setInfo(result.value);
  });
  return (
    <TesseraProvider api={props.api}>
      <I18nProvider locale={info().locale} system={info().system}>
        <App />
      </I18nProvider>
    </TesseraProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  const guess = matchLocale(navigator.languages);
  // Without the preload bridge (a page opened outside Tessera) there is nothing to show.
  const api = typeof window.tessera === 'object' && window.tessera !== null ? window.tessera : null;
  // The guessed language's words first (a chunk of this page), so the window does not flash English.
  // A language whose chunk cannot load falls back to English.
  const ready = loadCatalogue(guess).then(
    () => guess,
    () => loadCatalogue('en').then(() => 'en' as const),
  );
  if (api) void ready.then((first) => render(() => <Root api={api} initial={{ locale: first, system: guess }} />, root));
  else {
    // No locale is known from main: the page's languages choose the words.
    void ready.then((shown) => {
      document.documentElement.lang = shown;
      root.textContent = createTranslate(shown)('common.bridgeMissing');
    });
  }
}
