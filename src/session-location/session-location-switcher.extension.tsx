import React from 'react';

/** Placeholder until the switcher lands. */
const SessionLocationSwitcher: React.FC = () => null;

export default SessionLocationSwitcher;
