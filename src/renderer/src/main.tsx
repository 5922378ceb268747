import { render } from 'solid-js/web';
import { App } from './App';
import { TesseraProvider } from './tessera';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  // Without the preload bridge (a page opened outside Tessera) there is nothing to show.
  const api = typeof window.tessera === 'object' && window.tessera !== null ? window.tessera : null;
  if (api)
    render(
      () => (
        <TesseraProvider api={api}>
          <App />
        </TesseraProvider>
      ),
      root,
    );
  else root.textContent = 'Tessera’s bridge is missing: open this page from the Tessera app.';
}
