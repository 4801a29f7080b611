import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { CampusView, DepartmentView } from '../../contract/api';
import DepartmentsPage from '../../src/packages/hospital/pages/departments';
import { ApiError } from '../../src/services/api-error';
import { fetchCampuses, fetchDepartments } from '../../src/services/hospital';
import { useSession } from '../../src/stores/session';
import { giveConsent, nextFrame, renderSettled, resetApp } from './helpers';

jest.mock('../../src/services/hospital');

const fetchCampusesMock = jest.mocked(fetchCampuses);
const fetchDepartmentsMock = jest.mocked(fetchDepartments);

const CAMPUSES: CampusView[] = [
  { id: '01', name: '本院' },
  { id: '02', name: '东院区' },
];

function department(id: string, name: string, location: string, campus: CampusView): DepartmentView {
  return { id, name, location, campusId: campus.id, campusName: campus.name };
}

const [MAIN, EAST] = CAMPUSES as [CampusView, CampusView];
const DEPARTMENTS: Record<string, DepartmentView[]> = {
  '01': [
    department('0101', '心血管内科', '本院门诊楼2楼A区', MAIN),
    department('0102', '消化内科', '本院门诊楼2楼B区', MAIN),
    department('0103', '儿科', '本院门诊楼1楼C区', MAIN),
  ],
  '02': [department('0201', '眼科', '东院区门诊楼3楼', EAST)],
};

/** Types into the search box (the H5 Input renders its <input> a moment after mounting). */
async function typeKeyword(text: string): Promise<void> {
  const input = await waitFor(() => {
    const found = document.querySelector('.search-box input');
    if (!found) throw new Error('no search input yet');
    return found;
  });
  fireEvent.input(input, { target: { value: text } });
}

beforeEach(() => {
  resetApp();
  giveConsent();
  fetchCampusesMock.mockReset().mockResolvedValue(CAMPUSES);
  fetchDepartmentsMock.mockReset().mockImplementation(async (campusId) => DEPARTMENTS[campusId] ?? []);
});

describe('departments page (科室导航)', () => {
  it('shows the campuses and the first campus’s departments with their locations', async () => {
    await renderSettled(<DepartmentsPage />);
    expect(await screen.findByText('心血管内科')).toBeInTheDocument();
    expect(screen.getByText('本院')).toBeInTheDocument();
    expect(screen.getByText('东院区')).toBeInTheDocument();
    expect(screen.getByText('本院门诊楼2楼A区')).toBeInTheDocument();
    expect(screen.getByText('共 3 个科室')).toBeInTheDocument();
    expect(fetchDepartmentsMock).toHaveBeenCalledWith('01');
  });

  it('filters by name as the patient types, and offers to clear a search with no result', async () => {
    await renderSettled(<DepartmentsPage />);
    await screen.findByText('心血管内科');

    await typeKeyword('内科');
    await waitFor(() => expect(screen.queryByText('儿科')).not.toBeInTheDocument());
    expect(screen.getByText('心血管内科')).toBeInTheDocument();
    expect(screen.getByText('消化内科')).toBeInTheDocument();
    expect(screen.getByText('共 2 个科室')).toBeInTheDocument();

    await typeKeyword('皮肤');
    expect(await screen.findByText('没有找到“皮肤”相关科室')).toBeInTheDocument();
    fireEvent.click(screen.getByText('清除搜索'));
    expect(await screen.findByText('儿科')).toBeInTheDocument();
    expect(screen.getByText('共 3 个科室')).toBeInTheDocument();
  });

  it('switches campus and loads that campus’s departments', async () => {
    await renderSettled(<DepartmentsPage />);
    await screen.findByText('心血管内科');
    fireEvent.click(screen.getByText('东院区'));
    expect(await screen.findByText('眼科')).toBeInTheDocument();
    expect(screen.queryByText('心血管内科')).not.toBeInTheDocument();
    expect(fetchDepartmentsMock).toHaveBeenCalledWith('02');
  });

  it('shows a loading state while the campuses load', async () => {
    fetchCampusesMock.mockReturnValue(new Promise(() => undefined));
    await renderSettled(<DepartmentsPage />);
    expect(screen.getByText('加载中…')).toBeInTheDocument();
  });

  it('shows the error in Chinese and loads again on 重试', async () => {
    fetchCampusesMock.mockRejectedValueOnce(new ApiError({ status: 0, code: 'NETWORK_ERROR' }));
    await renderSettled(<DepartmentsPage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('心血管内科')).toBeInTheDocument();
    expect(fetchCampusesMock).toHaveBeenCalledTimes(2);
  });

  it('shows a failure of one campus’s departments inside the page, with 重试', async () => {
    fetchDepartmentsMock.mockRejectedValueOnce(
      new ApiError({ status: 503, code: 'HIS_UNAVAILABLE', message: '医院系统暂时无法访问，请稍后再试' }),
    );
    await renderSettled(<DepartmentsPage />);
    expect(await screen.findByText('医院系统暂时无法访问，请稍后再试')).toBeInTheDocument();
    expect(screen.getByText('本院')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('心血管内科')).toBeInTheDocument();
  });

  it('asks to log in when the session cannot be renewed', async () => {
    fetchCampusesMock.mockRejectedValueOnce(new ApiError({ status: 401, code: 'UNAUTHORIZED' }));
    const login = jest.fn(async () => undefined);
    useSession.setState({ status: 'loggedOut', login });
    await renderSettled(<DepartmentsPage />);
    expect(await screen.findByText('登录后查看科室信息')).toBeInTheDocument();
    fireEvent.click(screen.getByText('登录'));
    await nextFrame();
    expect(login).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('心血管内科')).toBeInTheDocument();
  });

  it('says so when a campus has no departments', async () => {
    fetchDepartmentsMock.mockResolvedValue([]);
    await renderSettled(<DepartmentsPage />);
    expect(await screen.findByText('该院区暂无科室信息')).toBeInTheDocument();
  });
});
