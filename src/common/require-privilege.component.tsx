import React from 'react';
import { InlineNotification } from '@carbon/react';
import { useTranslation } from './use-translation';
import { userHasAccess, useSession } from '@openmrs/esm-framework';

interface RequirePrivilegeProps {
  privilege: string;
  children: React.ReactNode;
}

/** Hides a page from users who lack the privilege; the server still checks every request. */
const RequirePrivilege: React.FC<RequirePrivilegeProps> = ({ privilege, children }) => {
  const { t } = useTranslation();
  const session = useSession();
  if (session?.user && userHasAccess(privilege, session.user)) {
    return <>{children}</>;
  }
  return (
    <InlineNotification
      kind="warning"
      lowContrast
      hideCloseButton
      title={t('noPermission', 'You do not have permission to see this page')}
      subtitle={t('privilegeRequired', 'It requires the privilege "{{privilege}}".', { privilege })}
    />
  );
};

export default RequirePrivilege;
