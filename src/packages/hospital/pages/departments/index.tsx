import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CampusView, DepartmentView } from '@contract/api';
import PageShell, { type ShellState } from '@/components/PageShell';
import SearchBox from '@/components/SearchBox';
import PrivacyGate from '@/containers/PrivacyGate';
import type { ApiError } from '@/services/api-error';
import { useHospital } from '@/stores/hospital';
import type { Loadable } from '@/stores/loadable';
import { useSession } from '@/stores/session';
import CampusTabs from './CampusTabs';
import DepartmentList from './DepartmentList';
import { filterDepartments } from './filter';
import './index.scss';

export default function DepartmentsPage() {
  return (
    <PrivacyGate>
      <Departments />
    </PrivacyGate>
  );
}

/** Error → what to show: a lost session asks to log in, anything else offers 重试. */
function failureState(error: ApiError, retry: () => void): ShellState {
  if (error.isSessionError) {
    return {
      kind: 'login',
      text: '登录后查看科室信息',
      onLogin: () => {
        void useSession.getState().login().then(retry);
      },
    };
  }
  return { kind: 'error', message: error.message, onRetry: retry };
}

function pageState(campuses: Loadable<CampusView[]>): ShellState {
  switch (campuses.status) {
    case 'idle':
    case 'loading':
      return { kind: 'loading' };
    case 'error':
      return failureState(campuses.error, () => void useHospital.getState().loadCampuses(true));
    case 'ready':
      return campuses.data.length > 0 ? { kind: 'ready' } : { kind: 'empty', text: '暂无院区信息' };
  }
}

function listState(
  campusId: string,
  departments: Loadable<DepartmentView[]> | undefined,
  shown: DepartmentView[],
  keyword: string,
  clearKeyword: () => void,
): ShellState {
  if (!departments || departments.status === 'idle' || departments.status === 'loading') return { kind: 'loading' };
  if (departments.status === 'error') {
    return failureState(departments.error, () => void useHospital.getState().loadDepartments(campusId, true));
  }
  if (departments.data.length === 0) return { kind: 'empty', text: '该院区暂无科室信息' };
  if (shown.length === 0) {
    return { kind: 'empty', text: `没有找到“${keyword.trim()}”相关科室`, actionText: '清除搜索', onAction: clearKeyword };
  }
  return { kind: 'ready' };
}

function Departments() {
  const campuses = useHospital((state) => state.campuses);
  const departmentsByCampus = useHospital((state) => state.departments);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [keyword, setKeyword] = useState('');

  useEffect(() => {
    void useHospital.getState().loadCampuses();
  }, []);

  const campusList = campuses.status === 'ready' ? campuses.data : [];
  const campusId = campusList.find((campus) => campus.id === chosenId)?.id ?? campusList[0]?.id ?? null;

  useEffect(() => {
    if (campusId) void useHospital.getState().loadDepartments(campusId);
  }, [campusId]);

  const departments = campusId ? departmentsByCampus[campusId] : undefined;
  const shown = departments?.status === 'ready' ? filterDepartments(departments.data, keyword) : [];

  return (
    <View className='departments'>
      <PageShell state={pageState(campuses)}>
        <View className='departments__top'>
          {campusList.length > 1 && campusId && (
            <CampusTabs campuses={campusList} selectedId={campusId} onSelect={setChosenId} />
          )}
          <View className='departments__search'>
            <SearchBox value={keyword} placeholder='搜索科室名称' onChange={setKeyword} />
          </View>
        </View>
        {campusId && (
          <View className='departments__body'>
            <PageShell
              state={listState(campusId, departments, shown, keyword, () => setKeyword(''))}
              variant='section'
            >
              <Text className='departments__count'>共 {shown.length} 个科室</Text>
              <DepartmentList departments={shown} />
            </PageShell>
          </View>
        )}
      </PageShell>
    </View>
  );
}
