import { Input, Text, View } from '@tarojs/components';
import './index.scss';

export interface SearchBoxProps {
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}

/** A search field with a clear button. */
export default function SearchBox({ value, placeholder, onChange }: SearchBoxProps) {
  return (
    <View className='search-box'>
      <View className='search-box__icon' />
      <Input
        className='search-box__input'
        type='text'
        confirmType='search'
        value={value}
        placeholder={placeholder}
        placeholderClass='search-box__placeholder'
        aria-label={placeholder}
        onInput={(event) => onChange(event.detail.value)}
      />
      {value.length > 0 && (
        <View className='search-box__clear' aria-label='清除搜索' onClick={() => onChange('')}>
          <Text className='search-box__clear-mark'>×</Text>
        </View>
      )}
    </View>
  );
}
