import { Button, ScrollView, Text, View } from '@tarojs/components';
import type { NoticeSection } from '@/content/privacy';
import './index.scss';

export interface PrivacyNoticeContent {
  title: string;
  intro: string;
  sections: NoticeSection[];
}

export type PrivacyNoticeProps =
  /** First launch (or a new notice): agree or decline. */
  | { mode: 'ask'; notice: PrivacyNoticeContent; onAgree: () => void; onDecline: () => void }
  /** The patient declined: why the app cannot go on, and the way back to the notice. */
  | { mode: 'declined'; onReadAgain: () => void }
  /** Re-reading from 我的: close, or withdraw the consent. */
  | {
      mode: 'review';
      notice: PrivacyNoticeContent;
      acceptedOn: string;
      onClose: () => void;
      onWithdraw: () => void;
    };

/** The privacy notice as a full-screen sheet. Presentational: the caller decides what agreeing means. */
export default function PrivacyNotice(props: PrivacyNoticeProps) {
  if (props.mode === 'declined') {
    return (
      <View className='privacy privacy--declined'>
        <View className='privacy__declined'>
          <View className='privacy__shield'>
            <Text className='privacy__shield-mark'>i</Text>
          </View>
          <Text className='privacy__declined-title'>需要您的同意才能继续</Text>
          <Text className='privacy__declined-text'>
            掌上医院需要使用您的微信身份为您登录，并在您办理业务时处理就诊信息。未经您同意，我们不会收集任何信息，但您也暂时无法使用本程序的服务。
          </Text>
          <Text className='privacy__declined-text'>您可以重新阅读隐私保护指引后再作选择。</Text>
          <Button className='privacy__button privacy__button--primary privacy__button--wide' onClick={props.onReadAgain}>
            重新阅读
          </Button>
        </View>
      </View>
    );
  }

  const { notice } = props;
  return (
    <View className='privacy'>
      <View className='privacy__header'>
        <Text className='privacy__title'>{notice.title}</Text>
        {props.mode === 'review' && <Text className='privacy__accepted'>您已于{props.acceptedOn}同意本指引</Text>}
      </View>
      <ScrollView className='privacy__body' scrollY>
        <View className='privacy__content'>
          <Text className='privacy__intro'>{notice.intro}</Text>
          {notice.sections.map((section) => (
            <View className='privacy__section' key={section.title}>
              <Text className='privacy__section-title'>{section.title}</Text>
              {section.paragraphs.map((paragraph) => (
                <Text className='privacy__paragraph' key={paragraph}>
                  {paragraph}
                </Text>
              ))}
            </View>
          ))}
        </View>
      </ScrollView>
      {props.mode === 'ask' ? (
        <View className='privacy__footer'>
          <Button className='privacy__button privacy__button--secondary' onClick={props.onDecline}>
            不同意
          </Button>
          <Button className='privacy__button privacy__button--primary' onClick={props.onAgree}>
            同意并继续
          </Button>
        </View>
      ) : (
        <View className='privacy__footer'>
          <Button className='privacy__button privacy__button--danger' onClick={props.onWithdraw}>
            撤回同意
          </Button>
          <Button className='privacy__button privacy__button--primary' onClick={props.onClose}>
            我知道了
          </Button>
        </View>
      )}
    </View>
  );
}
