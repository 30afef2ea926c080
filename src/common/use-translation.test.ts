import { renderHook } from '@testing-library/react';
import i18next from 'i18next';
import { useTranslation as useI18nextTranslation } from 'react-i18next';
import { useTranslation } from './use-translation';

jest.mock('react-i18next', () => ({ useTranslation: jest.fn() }));

describe('useTranslation', () => {
  it("leaves interpolated names as written, where i18next's default would HTML-escape O'Brien", async () => {
    const instance = i18next.createInstance();
    await instance.init({ lng: 'en', resources: { en: { translation: { selectUser: 'Select {{name}}' } } } });
    expect(instance.t('selectUser', { name: "Aoife O'Brien / A&E" })).toBe('Select Aoife O&#39;Brien &#x2F; A&amp;E');
    jest.mocked(useI18nextTranslation).mockReturnValue({ t: instance.t, i18n: instance } as never);
    const { result } = renderHook(() => useTranslation());
    expect(result.current.t('selectUser', 'Select {{name}}', { name: "Aoife O'Brien / A&E" })).toBe("Select Aoife O'Brien / A&E");
  });
});

