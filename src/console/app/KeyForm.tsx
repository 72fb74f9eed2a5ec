/** Asks for an API key when the gateway wants one; kept for this browser session only. */
import { useState } from 'preact/hooks';

export function KeyForm({ problem, onKey }: { problem: string; onKey: (key: string) => void }) {
  const [key, setKey] = useState('');
  return (
    <form
      class="panel key-form"
      onSubmit={(event) => {
        event.preventDefault();
        onKey(key.trim());
      }}
    >
      <h2>API key needed</h2>
      <p role="alert">{problem}</p>
      <label for="api-key">API key</label>
      <input id="api-key" type="password" autoComplete="off" value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} required autoFocus />
      <button type="submit">Use key</button>
      <p class="muted">Kept in this tab's session storage only, and sent to this gateway alone.</p>
    </form>
  );
}
