import { useMemo } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { barcodeSvg } from '../codes/barcode';
import { qrSvg } from '../codes/qr';
import { svgDataUri } from '../codes/svg';

/** The card number as a Code 128 barcode and a QR code, made on the phone, for the hospital's scanners. */
export default function CardCodes({ cardNo }: { cardNo: string }) {
  const images = useMemo(() => ({ barcode: svgDataUri(barcodeSvg(cardNo)), qr: svgDataUri(qrSvg(cardNo)) }), [cardNo]);
  return (
    <View className='card-codes'>
      <Image className='card-codes__barcode' src={images.barcode} mode='scaleToFill' aria-label={`条形码 ${cardNo}`} />
      <Text className='card-codes__number'>{cardNo.replace(/(.{4})(?=.)/g, '$1 ')}</Text>
      <Image className='card-codes__qr' src={images.qr} mode='aspectFit' aria-label={`二维码 ${cardNo}`} />
      <Text className='card-codes__hint'>就诊时向工作人员出示，扫码即可识别</Text>
    </View>
  );
}
