import React from 'react';
import { InlineNotification } from '@carbon/react';
import { useTranslation } from './use-translation';
import { userHasAccess, useSession } from '@openmrs/esm-framework';

interface RequirePrivilegeProps {
  privilege: string;
  children: React.ReactNode;
  /** shown instead of the "no permission" notice to users who lack the privilege */
  fallback?: React.ReactNode;
}

/**
 * Hides a page from users who lack the privilege, and says which one; the server still checks every request.
 *
 * Not the framework's UserHasAccess with this message as its `fallback`: UserHasAccess keeps the user in
 * state that starts empty and is filled by an effect after the first render, so it cannot tell "not known
 * yet" from "not allowed" and would show this message for a moment on every page to users who have the
 * privilege; its getCurrentUser also sends GET /session again when the last one is a minute old.
 * useSession suspends until the session is known, so the first render here is already the right one.
 */
const RequirePrivilege: React.FC<RequirePrivilegeProps> = ({ privilege, children, fallback }) => {
  const { t } = useTranslation();
  const session = useSession();
  if (session?.user && userHasAccess(privilege, session.user)) {
    return <>{children}</>;
  }
  if (fallback) {
    return <>{fallback}</>;
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
