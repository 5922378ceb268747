// The design system's rules come first: each component's own, imported beside it, follow them.
import './styles/tokens.css';
import './styles/layout.css';
import './styles/controls.css';
import { render } from 'solid-js/web';
import { App } from './App';
import { I18nProvider } from './i18n';
import { TesseraProvider } from './tessera';

const root = document.getElementById('root');
if (root) {
  // Without the preload bridge (a page opened outside Tessera) there is nothing to show.
  const api = typeof window.tessera === 'object' && window.tessera !== null ? window.tessera : null;
  if (api)
    render(
      () => (
        <TesseraProvider api={api}>
          <I18nProvider locale="en">
            <App />
          </I18nProvider>
        </TesseraProvider>
      ),
      root,
    );
  else root.textContent = 'Tessera’s bridge is missing: open this page from the Tessera app.';
}
