// "New script token": a name, abilities as checkboxes with a sentence each, an
// optional limit to some accounts, and an expiry of 7, 30 or 90 days or a date
// at most a year away.
import { useId, useState, type FormEvent } from 'react';
import type { AccountSummary, KithMethodInput } from '../../../src-contract/kith-api';
import { accountWithProvider } from '../../state/accounts-store';
import { formatDate } from '../../lib/format';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { abilityWords, creatableAbilities, dateInputValue, endOfDay, expiryChoices } from './script-words';

const DAY = 86_400_000;
/** The longest a token may live here: 365 days (the contract allows 366, for leap years). */
const MAX_DAYS = 365;

type Ability = (typeof creatableAbilities)[number];
type Expiry = `${(typeof expiryChoices)[number]}` | 'date';

export interface CreateTokenDialogProps {
  open: boolean;
  accounts: readonly AccountSummary[];
  now: number;
  busy: boolean;
  error: string | null;
  onCreate(input: KithMethodInput<'tokens.create'>): void;
  onClose(): void;
}

export function CreateTokenDialog({ open, accounts, now, busy, error, onCreate, onClose }: CreateTokenDialogProps) {
  const [name, setName] = useState('');
  const [abilities, setAbilities] = useState<Set<Ability>>(new Set(['friends:read']));
  const [limited, setLimited] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [expiry, setExpiry] = useState<Expiry>('30');
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const formId = useId();
  const maxDate = dateInputValue(now + MAX_DAYS * DAY);
  const minDate = dateInputValue(now + DAY);

  const toggle = <T,>(set: Set<T>, value: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem('Give the token a name, such as the script that will use it.');
    if (abilities.size === 0) return setProblem('Choose at least one thing the token may do.');
    if (limited && chosen.size === 0) return setProblem('Choose the accounts it may read, or let it read every account.');
    let expiresAt: number;
    if (expiry === 'date') {
      const end = endOfDay(date);
      if (end === null || date < minDate || date > maxDate) return setProblem(`Choose a date from ${formatDate(now + DAY)} to ${formatDate(now + MAX_DAYS * DAY)}.`);
      expiresAt = end;
    } else {
      expiresAt = now + Number(expiry) * DAY;
    }
    setProblem(null);
    onCreate({ name: name.trim(), abilities: [...abilities], ...(limited ? { accountIds: [...chosen] } : {}), expiresAt });
  };

  const shown = problem ?? error;
  return (
    <Dialog
      open={open}
      title="New script token"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form={formId} busy={busy} aria-disabled={busy || undefined}>
            Create token
          </Button>
        </>
      }
    >
      <form id={formId} className="token-form" onSubmit={submit} noValidate>
        <label className="token-field">
          <span className="token-field-label">Name</span>
          <input type="text" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoFocus placeholder="e.g. backup script" />
        </label>

        <fieldset className="token-fieldset">
          <legend>What it may do</legend>
          {creatableAbilities.map((ability) => (
            <label key={ability} className="token-choice">
              <input type="checkbox" checked={abilities.has(ability)} onChange={(e) => setAbilities(toggle(abilities, ability, e.target.checked))} />
              <span>
                <strong>{abilityWords[ability].label}</strong>
                <span className="muted"> {abilityWords[ability].sentence}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset className="token-fieldset">
          <legend>Accounts</legend>
          <label className="token-choice">
            <input type="radio" name={`${formId}-accounts`} checked={!limited} onChange={() => setLimited(false)} />
            <span>Every account, including ones connected later</span>
          </label>
          <label className="token-choice">
            <input type="radio" name={`${formId}-accounts`} checked={limited} onChange={() => setLimited(true)} disabled={accounts.length === 0} />
            <span>Only these accounts (it stops working when the last of them is disconnected)</span>
          </label>
          {limited ? (
            <div className="token-accounts">
              {accounts.map((a) => (
                <label key={a.id} className="token-choice">
                  <input type="checkbox" checked={chosen.has(a.id)} onChange={(e) => setChosen(toggle(chosen, a.id, e.target.checked))} />
                  <span>{accountWithProvider(a)}</span>
                </label>
              ))}
            </div>
          ) : null}
        </fieldset>

        <fieldset className="token-fieldset">
          <legend>Expires</legend>
          {expiryChoices.map((days) => (
            <label key={days} className="token-choice">
              <input type="radio" name={`${formId}-expiry`} checked={expiry === `${days}`} onChange={() => setExpiry(`${days}`)} />
              <span>
                In {days} days <span className="muted">({formatDate(now + days * DAY)})</span>
              </span>
            </label>
          ))}
          <label className="token-choice">
            <input type="radio" name={`${formId}-expiry`} checked={expiry === 'date'} onChange={() => setExpiry('date')} />
            <span>On a date (at most a year from now)</span>
          </label>
          {expiry === 'date' ? (
            <label className="token-field">
              <span className="token-field-label">Expiry date</span>
              <input type="date" value={date} min={minDate} max={maxDate} onChange={(e) => setDate(e.target.value)} />
            </label>
          ) : null}
        </fieldset>

        {shown ? (
          <p className="token-problem" role="alert">
            {shown}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
