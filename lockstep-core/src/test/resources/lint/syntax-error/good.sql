SELECT 'terminated;';
