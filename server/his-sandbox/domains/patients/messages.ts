/** /template/hisSendMessage: a HIS system asks the palm hospital to send a template message to a patient. */
import { HisFail, need, type Handler } from '../../runtime';

/** Template categories the palm hospital has configured (预约挂号 needs appointment_id). */
export const MESSAGE_CATEGORIES: Record<string, string> = {
  register: '挂号成功通知',
  appointment: '预约挂号通知',
  appointmentCancel: '预约取消通知',
  visitReminder: '就诊提醒',
  payment: '缴费成功通知',
  pendingFee: '待缴费提醒',
  report: '报告出具通知',
  inpatient: '住院预交金不足提醒',
};

export const hisSendMessage: Handler<'/template/hisSendMessage'> = (req, ctx) => {
  const category = need(req.category, 'category');
  if (!MESSAGE_CATEGORIES[category]) throw new HisFail(`未知的模板消息类型：${category}`);
  const patient = ctx.store.requirePatient(need(req.patient_id, 'patient_id'));
  if (category === 'appointment' && !req.appointment_id?.trim()) throw new HisFail('预约挂号模板消息必须传预约ID');
  const first = need(req.first_data, 'first_data');
  const data: Record<string, string> = { first_data: first };
  for (const key of ['data1', 'data2', 'data3', 'data4', 'data5', 'data6', 'data7', 'data8', 'data9', 'data10', 'remark_data'] as const) {
    const value = req[key];
    if (value !== undefined && value !== '') data[key] = value;
  }
  ctx.store.core.messages.push({
    at: ctx.now.format('YYYY-MM-DD HH:mm:ss'),
    category,
    patientId: patient.id,
    appointmentId: req.appointment_id?.trim() ?? '',
    data,
  });
  ctx.setMessage('发送成功');
  return {};
};
