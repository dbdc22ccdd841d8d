import type { Route } from './use-hash-route';

const items: { route: Route; label: string; glyph: string }[] = [
  { route: 'accounts', label: 'Accounts', glyph: '◎' },
  { route: 'friends', label: 'Friends', glyph: '☺' },
  { route: 'scripts', label: 'Script access', glyph: '⌘' },
  { route: 'settings', label: 'Settings', glyph: '⚙' },
];

/** Links named exactly "Accounts", "Friends", "Settings"; the current one has aria-current="page". */
export function MainNav({ route }: { route: Route }) {
  return (
    <nav className="main-nav" aria-label="Main">
      <ul>
        {items.map((item) => (
          <li key={item.route}>
            <a href={`#/${item.route}`} aria-current={route === item.route ? 'page' : undefined} className="main-nav-link">
              <span className="main-nav-glyph" aria-hidden="true">
                {item.glyph}
              </span>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
