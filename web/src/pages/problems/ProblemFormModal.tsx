import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { problemSources, problemsApi, severities, tasksApi, type Problem, type ProblemInput } from '../../services/supervision';

interface Values {
  source: ProblemInput['source']; area: string; severity: ProblemInput['severity']; unitId?: string; regionId?: string; taskId?: string;
  description: string; foundBy?: string; foundOn: dayjs.Dayjs; deadline?: dayjs.Dayjs | null;
}

const day = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/**
 * Records a problem found outside a visit (evaluation, higher-level feedback, complaint, data signal, self-report),
 * or edits one: its area, severity, wording, finder and deadline. Where it lies and where it came from do not change.
 */
export function ProblemFormModal({ problem, onClose, onSaved }: { problem?: Problem; onClose: () => void; onSaved: (p: Problem) => void }) {
  const { t, i18n } = useTranslation();
  const { data: areas = [] } = useQuery({ queryKey: ['problem-areas'], queryFn: problemsApi.areas, staleTime: 600_000 });
  const tasks = useQuery({ queryKey: ['tasks', 'list', 'pick'], queryFn: () => tasksApi.list({ pageSize: 100, sort: 'startDate', order: 'desc' }), enabled: !problem });
  const areaOptions = areas.filter((a) => a.active || a.key === problem?.area).map((a) => ({ value: a.key, label: i18n.language === 'en' ? a.nameEn : a.nameZh }));
  const half = { xs: 24, sm: 12 };
  const initialValues: Partial<Values> = problem
    ? { area: problem.area, severity: problem.severity, description: problem.description, foundBy: problem.foundBy, deadline: problem.deadline ? dayjs(problem.deadline) : null }
    : { severity: 'medium', foundOn: dayjs(), source: 'higher_feedback' };
  return (
    <FormModal<Values>
      title={problem ? t('sv.editProblem') : t('sv.newProblem')}
      width={680}
      onClose={onClose}
      initialValues={initialValues}
      onSubmit={async (v) => onSaved(problem
        ? await problemsApi.update(problem.id, { area: v.area, severity: v.severity, description: v.description, ...(v.foundBy ? { foundBy: v.foundBy } : {}), deadline: day(v.deadline) })
        : await problemsApi.create({
          source: v.source, area: v.area, severity: v.severity, unitId: v.unitId ?? null, regionId: v.unitId ? null : v.regionId ?? null, taskId: v.taskId ?? null,
          description: v.description, foundBy: v.foundBy || null, foundOn: day(v.foundOn)!, deadline: day(v.deadline),
        }))}
    >
      <Form.Item name="description" label={t('sv.problemDescription')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        {!problem && (
          <Col {...half}>
            <Form.Item name="source" label={t('sv.source')} rules={[{ required: true }]}>
              <Select options={problemSources.filter((s) => s !== 'visit').map((s) => ({ value: s, label: t(`sv.sourceLabel.${s}`) }))} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name="area" label={t('sv.area')} rules={[{ required: true }]}><Select options={areaOptions} /></Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="severity" label={t('sv.severity')} rules={[{ required: true }]}>
            <Select options={severities.map((s) => ({ value: s, label: t(`sv.severityLabel.${s}`) }))} />
          </Form.Item>
        </Col>
        {!problem && (
          <>
            <Col {...half}>
              <Form.Item name="unitId" label={t('sv.responsible')} extra={t('sv.unitOrRegion')}><UnitSelect /></Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="regionId" label={t('sv.region')}><RegionTreeSelect /></Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="taskId" label={t('sv.task')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={tasks.data?.items.map((x) => ({ value: x.id, label: x.title }))} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="foundOn" label={t('sv.foundOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
            </Col>
          </>
        )}
        <Col {...half}>
          <Form.Item name="foundBy" label={t('sv.foundBy')} extra={problem ? undefined : t('sv.foundByHint')}><Input maxLength={100} /></Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="deadline" label={t('sv.deadline')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
