/** Small keyboard-first dialogs of the inbox: Enter confirms, Escape closes. */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Agent, PrivateChannel } from '@shared/domain/care';
import { Button, DataTable } from '../../ui';

function Dialog({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId: string }) {
  return (
    <div className="inbox-dialog__backdrop" onClick={onClose}>
      <div
        className="inbox-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h3>{title}</h3>
        {children}
      </div>
    </div>
  );
}

export function TextDialog({
  title,
  label,
  testId,
  multiline = false,
  onSubmit,
  onClose,
}: {
  title: string;
  label: string;
  testId: string;
  multiline?: boolean;
  onSubmit: (text: string) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey) && value.trim()) {
      e.preventDefault();
      onSubmit(value.trim());
    }
  };
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <label>
        {label}
        {multiline ? (
          <textarea
            ref={input}
            value={value}
            maxLength={4000}
            rows={4}
            onChange={(e) => setValue(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            data-testid={`${testId}-input`}
          />
        ) : (
          <input
            ref={input}
            value={value}
            maxLength={40}
            onChange={(e) => setValue(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            data-testid={`${testId}-input`}
          />
        )}
      </label>
      <p className="inbox-dialog__hint">{multiline ? 'Ctrl+Enter' : 'Enter'} to save · Escape to close</p>
    </Dialog>
  );
}

const CHANNELS: { channel: PrivateChannel; key: string; label: string }[] = [
  { channel: 'dm', key: '1', label: 'Direct message' },
  { channel: 'phone', key: '2', label: 'Phone' },
  { channel: 'email', key: '3', label: 'E-mail' },
];

export function PrivateDialog({ onSubmit, onClose }: { onSubmit: (channel: PrivateChannel) => void; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  const onKeyDown = (e: KeyboardEvent) => {
    const c = CHANNELS.find((x) => x.key === e.key);
    if (c) {
      e.preventDefault();
      onSubmit(c.channel);
    }
  };
  return (
    <Dialog title="Move to private" onClose={onClose} testId="private-dialog">
      <div ref={box} tabIndex={-1} onKeyDown={onKeyDown} className="inbox-dialog__choices">
        {CHANNELS.map((c) => (
          <Button key={c.channel} onClick={() => onSubmit(c.channel)} data-testid={`private-${c.channel}`}>
            <kbd>{c.key}</kbd> {c.label}
          </Button>
        ))}
      </div>
      <p className="inbox-dialog__hint">The conversation continues off the public channel; the resolution ratio counts it as private.</p>
    </Dialog>
  );
}

export function EscalateDialog({ agents, onSubmit, onClose }: { agents: Agent[]; onSubmit: (to: string, reason: string) => void; onClose: () => void }) {
  const [to, setTo] = useState(
    agents.some((a) => a.role === 'lead') ? 'lead' : agents.some((a) => a.role === 'pr-legal') ? 'pr-legal' : (agents[0]?.name ?? ''),
  );
  const [reason, setReason] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <Dialog title="Escalate" onClose={onClose} testId="escalate-dialog">
      <label>
        To
        <select value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="escalate-to">
          <option value="lead">the first available lead</option>
          <option value="pr-legal">PR / legal review</option>
          {agents.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name} ({a.role})
            </option>
          ))}
        </select>
      </label>
      <label>
        Reason
        <input
          ref={input}
          value={reason}
          maxLength={1000}
          onChange={(e) => setReason(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && reason.trim() && to) {
              e.preventDefault();
              onSubmit(to, reason.trim());
            }
          }}
          data-testid="escalate-reason"
        />
      </label>
      <p className="inbox-dialog__hint">Enter to escalate · the person it goes to can hand it back with an answer</p>
    </Dialog>
  );
}

export const SHORTCUTS: [string, string][] = [
  ['j / ↓', 'next conversation'],
  ['k / ↑', 'previous conversation'],
  ['a', 'assign to me (claim)'],
  ['t', 'add a tag'],
  ['n', 'add an internal note'],
  ['r', 'reply (Alt+1…9 inserts an approved response, Ctrl+Enter sends)'],
  ['p', 'move to private (DM, phone, e-mail)'],
  ['e', 'escalate, with a reason'],
  ['x', 'resolve'],
  ['w', 'waiting on the customer'],
  ['q', 'switch the queue: needs a reply ↔ no reply needed'],
  ['m', 'mark: needs a reply / needs no reply (teaches triage about the author)'],
  ['/', 'search'],
  ['?', 'this help'],
  ['Esc', 'close a dialog, leave a field'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="help-overlay">
      <div ref={box} tabIndex={-1} onKeyDown={(e) => (e.key === '?' || e.key === 'Escape') && onClose()}>
        <DataTable
          className="inbox-help"
          rows={SHORTCUTS}
          rowKey={([key]) => key}
          rowHeader
          columns={[
            { key: 'key', header: 'Key', cell: ([key]) => <kbd>{key}</kbd> },
            { key: 'does', header: 'Does', cell: ([, what]) => what },
          ]}
        />
      </div>
    </Dialog>
  );
}
