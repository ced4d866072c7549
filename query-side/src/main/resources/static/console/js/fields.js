// The customer's fields as the console shows and edits them, grouped as the profile page shows them.

const address = prefix => [
    {path: `${prefix}.address.line_1`, label: 'Address line 1', autocomplete: 'address-line1'},
    {path: `${prefix}.address.line_2`, label: 'Address line 2', autocomplete: 'address-line2'},
    {path: `${prefix}.address.city`, label: 'City', autocomplete: 'address-level2'},
    {path: `${prefix}.address.postcode`, label: 'Postcode', autocomplete: 'postal-code'},
    {path: `${prefix}.address.state`, label: 'State', hint: 'US only, e.g. NY'},
    {path: `${prefix}.address.country_code`, label: 'Country code', hint: 'two letters, e.g. GB', autocomplete: 'country'},
    {path: `${prefix}.email`, label: 'Email', type: 'email', autocomplete: 'email'},
    {path: `${prefix}.phone.country_code`, label: 'Phone country code', inputmode: 'numeric', hint: 'digits, e.g. 44'},
    {path: `${prefix}.phone.number`, label: 'Phone number', type: 'tel', inputmode: 'numeric'},
];

export const GROUPS = [
    {title: 'Person', fields: [
        {path: 'first_name', label: 'First name', autocomplete: 'given-name'},
        {path: 'last_name', label: 'Last name', autocomplete: 'family-name'},
        {path: 'email', label: 'Email', type: 'email', autocomplete: 'email'},
        {path: 'dob', label: 'Date of birth', type: 'date'},
        {path: 'reference', label: 'Reference', hint: 'your own id for the customer, unique'},
        {path: 'ip', label: 'IP address'},
        {path: 'custom_data', label: 'Custom data', hint: 'base64', wide: true},
    ]},
    {title: 'Billing', fields: address('billing')},
    {title: 'Shipping', fields: [
        {path: 'shipping.address_match', label: 'Shipping address is the billing address', type: 'checkbox'},
        ...address('shipping'),
    ]},
];

export const FIELDS = GROUPS.flatMap(group => group.fields);

const LABELS = new Map(FIELDS.map(field => [field.path, field]));

/** The label a field is shown with, prefixed by its group where the same label appears twice. */
export function labelOf(path) {
    const field = LABELS.get(path);
    if (!field) {
        return path;
    }
    const group = path.startsWith('billing.') ? 'Billing ' : path.startsWith('shipping.') ? 'Shipping ' : '';
    return group + (group ? field.label.charAt(0).toLowerCase() + field.label.slice(1) : field.label);
}

/** The id of the input of a field, stable so that errors and tests find it. */
export function inputId(path) {
    return `field-${path.replaceAll('.', '-').replaceAll('_', '-')}`;
}
