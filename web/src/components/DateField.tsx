import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/**
 * A date picked in antd's calendar (in the app's language) whose form value stays the API's 'YYYY-MM-DD'
 * text, so forms and their submit handlers need no conversion.
 */
export function DateField({ value, onChange, id, disabled, placeholder, style }: {
  value?: string | null; onChange?: (value: string | null) => void; id?: string; disabled?: boolean; placeholder?: string; style?: React.CSSProperties;
}) {
  return (
    <DatePicker
      id={id} disabled={disabled} placeholder={placeholder} format="YYYY-MM-DD" style={{ width: '100%', ...style }}
      value={value ? dayjs(value, 'YYYY-MM-DD') : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
    />
  );
}
