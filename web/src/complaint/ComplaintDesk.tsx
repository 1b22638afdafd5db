import { useEffect, useRef, useState, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import type { PublicStatusView } from '../../../server/modules/complaints/complaints.contract';
import { complaintsZh } from '../locales/complaints.zh-CN';
import { complaintsEn } from '../locales/complaints.en-US';
import { solve } from './proofOfWork';

const english = navigator.language.toLowerCase().startsWith('en');
const texts = english ? complaintsEn : complaintsZh;
const p = texts.public;
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));

interface Failure {
  status: number;
  message: string;
  fields: { field: string; message: string }[];
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': english ? 'en' : 'zh-CN' };
  if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
  const payload = await response.json().catch(() => null) as { error?: { message?: string; fields?: Failure['fields'] } } | null;
  if (response.ok) return payload as T;
  throw { status: response.status, message: payload?.error?.message ?? `${response.status}`, fields: payload?.error?.fields ?? [] } satisfies Failure;
}

const box: CSSProperties = { width: '100%', boxSizing: 'border-box', fontSize: 16, padding: '10px 12px', border: '1px solid #c9c9c9', borderRadius: 6, background: '#fff' };
const button: CSSProperties = { fontSize: 16, padding: '10px 18px', borderRadius: 6, border: '1px solid #b7141b', background: '#b7141b', color: '#fff', cursor: 'pointer' };
const quiet: CSSProperties = { ...button, background: '#fff', color: '#b7141b' };

function Field({ label, children }: { label: string; children: ReactNode }) {
  return <label style={{ display: 'block', marginBottom: 14 }}><div style={{ marginBottom: 6, fontWeight: 500 }}>{label}</div>{children}</label>;
}

function Problem({ failure }: { failure: Failure | null }) {
  if (!failure) return null;
  return (
    <div role="alert" style={{ color: '#a8071a', background: '#fff1f0', border: '1px solid #ffa39e', borderRadius: 6, padding: 10, marginBottom: 14 }}>
      {failure.fields.length ? failure.fields.map((f) => <div key={f.field}>{f.message}</div>) : failure.message}
    </div>
  );
}

interface Place { id: string; name: string }

/** Names matching what is typed, looked up once typing pauses; picking one fills the field. */
function PlaceSearch({ path, label, placeholder, picked, onPick, testId }: { path: string; label: string; placeholder?: string; picked: Place | null; onPick: (p: Place | null) => void; testId: string }) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Place[]>([]);
  useEffect(() => {
    if (picked || q.trim().length < 2) return setHits([]);
    const timer = setTimeout(() => void call<Place[]>('GET', `${path}?q=${encodeURIComponent(q.trim())}`).then(setHits, () => setHits([])), 300);
    return () => clearTimeout(timer);
  }, [q, picked, path]);
  if (picked) {
    return (
      <Field label={label}>
        <div style={{ ...box, display: 'flex', justifyContent: 'space-between', alignItems: 'center' }} data-testid={`${testId}-picked`}>
          <span>{picked.name}</span><button type="button" style={{ ...quiet, padding: '2px 10px' }} onClick={() => onPick(null)}>×</button>
        </div>
      </Field>
    );
  }
  return (
    <Field label={label}>
      <input style={box} value={q} placeholder={placeholder} onChange={(e) => setQ(e.target.value)} data-testid={testId} />
      {hits.map((h) => (
        <button type="button" key={h.id} onClick={() => onPick(h)} style={{ ...box, textAlign: 'left', marginTop: 4, cursor: 'pointer' }}>{h.name}</button>
      ))}
    </Field>
  );
}

/** A challenge fetched and solved while the complainant writes, so submitting does not wait. */
function useSolvedChallenge() {
  const pending = useRef<Promise<{ challenge: string; solution: string }> | null>(null);
  const next = () => {
    pending.current = call<{ token: string; difficulty: number }>('GET', '/api/public/challenge')
      .then(async (c) => ({ challenge: c.token, solution: await solve(c.token, c.difficulty) }));
    pending.current.catch(() => undefined);
  };
  useEffect(next, []);
  return {
    take: () => {
      const solved = pending.current!;
      next();
      return solved;
    },
  };
}

const privacyValues = ['anonymous', 'office', 'office_and_unit'] as const;

function FileForm({ onFiled }: { onFiled: (code: string, due: string, files: number) => void }) {
  const [categories, setCategories] = useState<{ key: string; name: string }[]>([]);
  const [unit, setUnit] = useState<Place | null>(null);
  const [office, setOffice] = useState<Place | null>(null);
  const [privacy, setPrivacy] = useState<(typeof privacyValues)[number]>('anonymous');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const challenge = useSolvedChallenge();
  useEffect(() => void call<{ key: string; name: string }[]>('GET', '/api/public/complaints/categories').then(setCategories, () => undefined), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || null;
    setBusy(true);
    setFailure(null);
    try {
      const filed = await call<{ trackingCode: string; acknowledgeDue: string }>('POST', '/api/public/complaints', {
        ...(await challenge.take()), website: String(form.get('website') ?? ''), unitId: unit?.id ?? null, unitText: unit ? null : text('unitText'),
        regionId: office?.id ?? null, category: String(form.get('category') ?? ''), description: String(form.get('description') ?? ''),
        happenedOn: text('happenedOn'), privacy, name: privacy === 'anonymous' ? null : text('name'), phone: privacy === 'anonymous' ? null : text('phone'),
      });
      const files = (form.getAll('files') as File[]).filter((f) => f.size > 0);
      if (files.length) {
        const upload = new FormData();
        upload.append('trackingCode', filed.trackingCode);
        for (const f of files) upload.append('file', f);
        await call('POST', '/api/public/complaints/attachments', upload).catch((e: Failure) => setFailure(e));
      }
      onFiled(filed.trackingCode, filed.acknowledgeDue, files.length);
    } catch (error) {
      setFailure(error as Failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="complaint-form">
      <Field label={p.category}>
        <select name="category" style={box} required defaultValue="">
          <option value="" disabled>—</option>
          {categories.map((c) => <option key={c.key} value={c.key}>{c.name}</option>)}
        </select>
      </Field>
      <PlaceSearch path="/api/public/complaints/units" label={p.unit} placeholder={p.unitPlaceholder} picked={unit} onPick={setUnit} testId="complaint-unit" />
      {!unit && (
        <>
          <Field label={p.unitText}><input name="unitText" style={box} maxLength={100} /></Field>
          <PlaceSearch path="/api/public/complaints/offices" label={p.office} picked={office} onPick={setOffice} testId="complaint-office" />
        </>
      )}
      <Field label={p.description}><textarea name="description" style={{ ...box, minHeight: 140 }} required minLength={10} maxLength={4000} data-testid="complaint-description" /></Field>
      <Field label={p.happenedOn}><input name="happenedOn" type="date" style={box} /></Field>
      <fieldset style={{ border: 'none', padding: 0, margin: '0 0 14px' }}>
        <legend style={{ fontWeight: 500, marginBottom: 6 }}>{p.privacy}</legend>
        {privacyValues.map((v) => (
          <label key={v} style={{ display: 'block', padding: '6px 0' }}>
            <input type="radio" name="privacy" checked={privacy === v} onChange={() => setPrivacy(v)} data-testid={`complaint-privacy-${v}`} /> {texts.privacyLabel[v]}
          </label>
        ))}
      </fieldset>
      {privacy !== 'anonymous' && (
        <>
          <Field label={p.name}><input name="name" style={box} maxLength={50} required data-testid="complaint-name" /></Field>
          <Field label={p.phone}><input name="phone" style={box} inputMode="numeric" pattern="1\d{10}" maxLength={11} required data-testid="complaint-phone" /></Field>
        </>
      )}
      {/* The honeypot: off-screen and skipped by keyboards, so only a machine fills it in. */}
      <div aria-hidden="true" style={{ position: 'absolute', left: -10000, width: 1, height: 1, overflow: 'hidden' }}>
        <input name="website" tabIndex={-1} autoComplete="off" />
      </div>
      <Field label={p.files}><input name="files" type="file" multiple accept=".jpg,.jpeg,.png,.pdf,.doc,.docx,.xls,.xlsx" style={{ fontSize: 16 }} /></Field>
      <Problem failure={failure} />
      <button type="submit" style={{ ...button, width: '100%' }} disabled={busy} data-testid="complaint-submit">{busy ? p.solving : p.submit}</button>
    </form>
  );
}

function Filed({ code, due, files }: { code: string; due: string; files: number }) {
  const [copied, setCopied] = useState(false);
  return (
    <div style={{ border: '2px solid #b7141b', borderRadius: 8, padding: 16 }}>
      <h2 style={{ marginTop: 0, fontSize: 20 }}>{p.codeTitle}</h2>
      {/* A line may break between groups, never inside one, so the code is read aloud group by group. */}
      <div data-testid="tracking-code" style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 24, letterSpacing: 1, padding: '12px 0' }}>
        {code.split('-').map((group, i) => <span key={i} style={{ whiteSpace: 'nowrap' }}>{i > 0 && '-'}{group}<wbr /></span>)}
      </div>
      <p>{p.codeNote}</p>
      <p>{fill(p.ackDue, { date: due })}</p>
      {files > 0 && <p>{fill(p.filesAttached, { count: files })}</p>}
      <button type="button" style={quiet} onClick={() => void navigator.clipboard?.writeText(code).then(() => setCopied(true))}>{copied ? p.copied : p.copy}</button>
    </div>
  );
}

function StatusPanel({ code, view, onChange }: { code: string; view: PublicStatusView; onChange: (v: PublicStatusView) => void }) {
  const [failure, setFailure] = useState<Failure | null>(null);
  const [reopen, setReopen] = useState(false);
  const send = (path: string, body: object) => call<PublicStatusView>('POST', path, { trackingCode: code, ...body }).then((v) => {
    setFailure(null);
    onChange(v);
  }, (e: Failure) => setFailure(e));
  return (
    <div data-testid="complaint-status">
      <p><strong>{p.status}：</strong><span data-testid="complaint-status-label">{texts.statusLabel[view.status]}</span> · {view.category}{view.unitName ? ` · ${view.unitName}` : ''}</p>
      {view.handleDue && view.status === 'accepted' && <p>{p.handleDue}：{view.handleDue}</p>}
      <ol style={{ paddingLeft: 20 }}>
        {view.timeline.map((e, i) => (
          <li key={i} style={{ marginBottom: 8 }}>
            <div><strong>{(texts.step as Record<string, string>)[e.step] ?? e.step}</strong> <span style={{ color: '#888' }}>{new Date(e.at).toLocaleString(english ? 'en' : 'zh-CN')}</span></div>
            {e.text && <div style={{ whiteSpace: 'pre-wrap' }}>{e.text}</div>}
          </li>
        ))}
      </ol>
      <Problem failure={failure} />
      {view.abilities.addInformation && (
        <form onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          void send('/api/public/complaints/information', { text: String(new FormData(form).get('text') ?? '') }).then(() => form.reset());
        }}>
          <Field label={p.addInformation}><textarea name="text" required maxLength={2000} style={{ ...box, minHeight: 90 }} /></Field>
          <button type="submit" style={quiet}>{p.sendInformation}</button>
        </form>
      )}
      {view.abilities.rate && (
        <form onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          void send('/api/public/complaints/satisfaction', { satisfaction: form.get('satisfaction'), comment: String(form.get('comment') ?? '') || undefined, reopen });
        }}>
          <Field label={p.rate}>
            {(['satisfied', 'basic', 'unsatisfied'] as const).map((s) => (
              <label key={s} style={{ display: 'block', padding: '6px 0' }}><input type="radio" name="satisfaction" value={s} required /> {texts.satisfactionLabel[s]}</label>
            ))}
          </Field>
          <Field label={p.comment}><input name="comment" style={box} maxLength={500} /></Field>
          {view.abilities.reopen && <label style={{ display: 'block', marginBottom: 14 }}><input type="checkbox" checked={reopen} onChange={(e) => setReopen(e.target.checked)} /> {p.reopen}</label>}
          <button type="submit" style={quiet}>{p.sendRating}</button>
        </form>
      )}
      {view.satisfaction && <p>{p.thanks}：{texts.satisfactionLabel[view.satisfaction]}</p>}
    </div>
  );
}

function Lookup() {
  const [code, setCode] = useState('');
  const [view, setView] = useState<PublicStatusView | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const find = (event: FormEvent) => {
    event.preventDefault();
    setView(null);
    void call<PublicStatusView>('POST', '/api/public/complaints/lookup', { trackingCode: code }).then((v) => {
      setFailure(null);
      setView(v);
    }, (e: Failure) => setFailure(e.status === 404 ? { ...e, message: p.notFound, fields: [] } : e));
  };
  return (
    <div>
      <form onSubmit={find}>
        <Field label={p.code}>
          <input style={{ ...box, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', textTransform: 'uppercase' }} value={code} onChange={(e) => setCode(e.target.value)}
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX" autoComplete="off" required data-testid="lookup-code" />
        </Field>
        <button type="submit" style={button} data-testid="lookup-find">{p.find}</button>
      </form>
      <div style={{ marginTop: 16 }}>
        <Problem failure={failure} />
        {view && <StatusPanel code={code} view={view} onChange={setView} />}
      </div>
    </div>
  );
}

/** 群众举报: filing (with the tracking code shown once) and following a complaint by its code, on any phone. */
export function ComplaintDesk() {
  const [tab, setTab] = useState<'file' | 'lookup'>('file');
  const [filed, setFiled] = useState<{ code: string; due: string; files: number } | null>(null);
  useEffect(() => {
    document.title = p.title;
    document.documentElement.lang = english ? 'en' : 'zh-CN';
  }, []);
  const tabButton = (key: 'file' | 'lookup', label: string) => (
    <button type="button" onClick={() => setTab(key)} style={tab === key ? button : quiet} data-testid={`tab-${key}`}>{label}</button>
  );
  return (
    <main style={{ maxWidth: 640, margin: '0 auto', padding: 16, fontFamily: 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif', color: '#222', lineHeight: 1.5 }}>
      <h1 style={{ fontSize: 24, margin: '8px 0' }}>{p.title}</h1>
      <p style={{ color: '#555' }}>{p.intro}</p>
      <div style={{ display: 'flex', gap: 8, marginBottom: 16 }}>{tabButton('file', p.file)}{tabButton('lookup', p.lookup)}</div>
      {tab === 'file' && (filed ? <Filed {...filed} /> : <FileForm onFiled={(code, due, files) => setFiled({ code, due, files })} />)}
      {tab === 'lookup' && <Lookup />}
    </main>
  );
}
