import { render } from 'solid-js/web';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  // Without the preload bridge (a page opened outside Tessera) there is nothing to show.
  if (typeof window.tessera === 'object' && window.tessera !== null) render(() => <App />, root);
  else root.textContent = 'Tessera’s bridge is missing: open this page from the Tessera app.';
}
