-- Data minimisation: the personal fields (JSON array, e.g. ["requesterPhone"]) the administrator
-- granted a plugin when enabling it. Only granted fields that the manifest declares in `personalData`
-- are opened into its event payloads; disabling the plugin withdraws the grant.
ALTER TABLE plugin_states ADD COLUMN granted_personal_data TEXT NOT NULL DEFAULT '[]';
