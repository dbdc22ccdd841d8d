import { useState } from 'react';
import { Card } from '../../ui/card';
import { browserStorage, readTheme, setTheme, THEMES, type Theme } from '../../ui/theme';

const labels: Record<Theme, { name: string; hint: string }> = {
  system: { name: 'System', hint: 'Follows your computer’s light or dark setting' },
  light: { name: 'Light', hint: 'Always light' },
  dark: { name: 'Dark', hint: 'Always dark' },
};

/** Theme: system, light or dark, as native radio buttons (arrow keys move between them). */
export function ThemeSetting() {
  const [theme, choose] = useState<Theme>(() => readTheme(browserStorage()));
  return (
    <Card aria-labelledby="appearance-title" className="settings-section">
      <h2 id="appearance-title">Appearance</h2>
      <fieldset className="theme-choice">
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <label key={t} className="theme-option">
            <input
              type="radio"
              name="theme"
              value={t}
              checked={theme === t}
              onChange={() => {
                choose(t);
                setTheme(t, document.documentElement, browserStorage());
              }}
            />
            <span className="theme-option-text">
              <span className="theme-option-name">{labels[t].name}</span>
              <span className="theme-option-hint">{labels[t].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </Card>
  );
}
