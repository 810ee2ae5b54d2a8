/** @module Studio entry point: learns the server's clock, then mounts the app. */
import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { syncServerClock } from './lib/server-clock.ts';
import './styles.css';

const root = document.getElementById('app');
// Days and months are the product's (the server's clock), so the studio waits for it briefly.
if (root) void syncServerClock().finally(() => render(() => <App />, root));
