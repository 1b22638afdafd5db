import type { ReactNode } from 'react';
import { Card, Grid } from 'antd';

interface Props {
  title: ReactNode;
  /** Buttons: in the card header on wider screens, above the content on phones where the title needs the room. */
  actions?: ReactNode;
  children: ReactNode;
}

export function PageCard({ title, actions, children }: Props) {
  const narrow = !Grid.useBreakpoint().sm;
  return (
    <Card title={title} extra={narrow ? undefined : actions}>
      {narrow && actions && <div style={{ marginBottom: 16 }}>{actions}</div>}
      {children}
    </Card>
  );
}
