import { Text, View } from '@tarojs/components';
import ServiceGrid from '@/components/ServiceGrid';
import CurrentCard from '@/containers/CurrentCard';
import PrivacyGate from '@/containers/PrivacyGate';
import { appConfig } from '@/config';
import { homeServices } from './services';
import './index.scss';

export default function HomePage() {
  return (
    <PrivacyGate>
      <View className='home'>
        <View className='home__banner'>
          <Text className='home__hospital'>{appConfig.hospitalName}</Text>
          <Text className='home__tagline'>掌上医院 · 线上就医服务</Text>
          <View className='home__card'>
            <CurrentCard tone='brand' />
          </View>
        </View>
        <View className='home__body'>
          <ServiceGrid title='医疗服务' items={homeServices()} />
          <Text className='home__more'>更多服务将陆续开放</Text>
        </View>
      </View>
    </PrivacyGate>
  );
}
